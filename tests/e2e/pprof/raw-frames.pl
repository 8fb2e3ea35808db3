#!/usr/bin/perl
# raw-frames.pl COLUMN [FILE]: `go tool pprof -raw` text -> the folded stacks flame-pprof prints for the
# same profile: each location's functions from the outer one to the innermost inlined one (the location
# line holds the innermost, its continuation lines the ones it was inlined into), root first; a location
# whose functions have no names (all of them with -symbolize=none) as basename(mapping file)+0x(address -
# start + offset), or 0x(address) with no mapping file; COLUMN (0-based) counted; equal stacks summed;
# sorted byte-wise. pprof's own addresses (return addresses already moved back by one) and mappings
# (already merged, main binary first) are used unchanged, so on an unsymbolized profile this checks
# flame-pprof's reading against Go's frame for frame. Function names must not hold spaces (Go's do not).
use strict;
use warnings;
no warnings 'portable';  # 64-bit hex addresses

my $column = shift @ARGV;
my ($state, $last, @samples, %location, %mapping) = ('');
while (<>) {
  chomp;
  if (/^Samples:/) { $state = 'samples'; next }
  if (/^Locations/) { $state = 'locations'; next }
  if (/^Mappings/) { $state = 'mappings'; next }
  if ($state eq 'samples' && /^\s*(-?\d+(?:\s+-?\d+)*): ([\d ]*)$/) {
    my @values = split ' ', $1;
    push @samples, [$values[$column], [split ' ', $2]];
  } elsif ($state eq 'locations' && /^\s*(\d+): 0x([0-9a-f]+) (?:M=(\d+) )?(?:\[F\] )?(.*)$/) {
    $last = $location{$1} = [hex($2), $3, []];
    push @{$last->[2]}, (split / /, $4, 2)[0] if $4 ne '';
  } elsif ($state eq 'locations' && /^ {13}(.*)$/) {
    push @{$last->[2]}, (split / /, $1, 2)[0];
  } elsif ($state eq 'mappings' && m{^(\d+): 0x([0-9a-f]+)/0x([0-9a-f]+)/0x([0-9a-f]+) (\S*)}) {
    $mapping{$1} = [hex($2), hex($4), $5];
  }
}
my %stacks;
for my $s (@samples) {
  my @frames;
  for my $id (reverse @{$s->[1]}) {
    my ($address, $m, $names) = @{$location{$id}};
    if (grep { $_ ne '' } @$names) {
      push @frames, reverse @$names;
    } elsif (defined $m && $mapping{$m}[2] ne '') {
      my ($start, $offset, $file) = @{$mapping{$m}};
      $file =~ s{.*/}{};
      push @frames, sprintf('%s+0x%x', $file, $address - $start + $offset);
    } else {
      push @frames, sprintf('0x%x', $address);
    }
  }
  $stacks{join(';', @frames)} += $s->[0];
}
print "$_ $stacks{$_}\n" for sort keys %stacks;
