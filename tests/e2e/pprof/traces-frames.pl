#!/usr/bin/perl
# traces-frames.pl [FILE]: `go tool pprof -traces` text -> folded stacks: each sample's frames (printed
# leaf first, " (inline)" cut) root first, its value (printed with a unit: 20ms, 9.54MB, 3) in nanoseconds,
# bytes or as a count, rounded; equal stacks summed; sorted byte-wise. Independent of flame-pprof's own
# -traces reader, so the two can be checked against each other on the same text.
use strict;
use warnings;

my %factor = (ns => 1, us => 1e3, ms => 1e6, s => 1e9, hrs => 3600e9,
              B => 1, kB => 1024, MB => 1024**2, GB => 1024**3, TB => 1024**4, PB => 1024**5, '' => 1);
my (%stacks, @frames, $value);
sub flush {
  $stacks{join(';', reverse @frames)} += $value if defined $value;
  @frames = ();
  undef $value;
}
my $in_block = 0;
while (<>) {
  chomp;
  if (/^-{11}\+-+$/) { flush(); $in_block = 1; next }
  next unless $in_block;
  if (!defined $value) {
    next if /^\s*\S+:  /;  # a label line
    /^\s*(-?[\d.]+)([a-zA-Z]*)   (.*)$/ or die "not a value line: $_\n";
    die "unknown unit $2\n" unless exists $factor{$2};
    $value = int($1 * $factor{$2} + ($1 < 0 ? -0.5 : 0.5));
    push @frames, $3;
  } else {
    /^ {13}(.*)$/ or die "not a frame line: $_\n";
    push @frames, $1;
  }
  $frames[-1] =~ s/ \(inline\)$//;
}
flush();
print "$_ $stacks{$_}\n" for sort keys %stacks;
