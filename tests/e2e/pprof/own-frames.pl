#!/usr/bin/perl
# own-frames.pl NAMES [FILE]: folded stacks of google-pprof --collapsed or flame-pprof -> the part both
# name by the same rules: the frames from `main` on, up to the first that is not a function of the
# program's own binaries (NAMES: one demangled name per line, from nm -C). Before that, google-pprof's
# decorations are undone: the <address> tag it gives names found by nm, and the [inline] mark of inlined
# frames. Equal stacks are summed (google-pprof prints one line per address stack); sorted byte-wise.
#
# Why only the program's own frames: in system libraries the two name differently on purpose. google-pprof
# names an address by the nearest symbol before it even past that symbol's end (in a stripped
# libprofiler.so, any static function is "CpuProfiler::prof_handler"); flame-pprof leaves it unresolved.
# And google-pprof reads no inline chains from separate debug files, so libc's inlined calls are missing
# there. Every frame of every stack, libraries included, is still checked at the address level against
# go tool pprof (raw-frames.pl).
use strict;
use warnings;

my $names = shift @ARGV;
open(my $fh, '<', $names) or die "$names: $!\n";
my %own = map { chomp; ($_ => 1) } <$fh>;
my %stacks;
while (<>) {
  chomp;
  my ($stack, $count) = /^(.*) (\S+)$/ or next;
  $stack =~ s/<[0-9a-f]+>//g;
  my @frames = map { s/\[inline\]$//r } split /;/, $stack;
  my ($main) = grep { $frames[$_] eq 'main' } 0 .. $#frames;
  next unless defined $main;
  my @kept;
  for my $f (@frames[$main .. $#frames]) {
    last if @kept && !$own{$f};
    push @kept, $f;
  }
  $stacks{join(';', @kept)} += $count;
}
print "$_ $stacks{$_}\n" for sort keys %stacks;
