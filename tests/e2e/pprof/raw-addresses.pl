#!/usr/bin/perl
# raw-addresses.pl COLUMN [FILE]: `go tool pprof -raw -symbolize=none` text -> the folded stacks
# flame-pprof prints for the same profile when no binary can be read: each location as
# basename(mapping file)+0x(address - start + offset), or 0x(address) with no mapping file; root first;
# COLUMN (0-based) counted; equal stacks summed; sorted byte-wise. pprof's own addresses (already moved
# back by one for return addresses) and mappings (already merged, main binary first) are used unchanged,
# so this checks flame-pprof's reading of the profile against Go's, frame for frame.
use strict;
use warnings;
no warnings 'portable';  # 64-bit hex addresses

my $column = shift @ARGV;
my ($state, @samples, %location, %mapping) = ('');
while (<>) {
  chomp;
  if (/^Samples:/) { $state = 'samples'; next }
  if (/^Locations/) { $state = 'locations'; next }
  if (/^Mappings/) { $state = 'mappings'; next }
  if ($state eq 'samples' && /^\s*(-?\d+(?:\s+-?\d+)*): ([\d ]*)$/) {
    my @values = split ' ', $1;
    push @samples, [$values[$column], [split ' ', $2]];
  } elsif ($state eq 'locations' && /^\s*(\d+): 0x([0-9a-f]+) (?:M=(\d+) )?/) {
    $location{$1} = [hex($2), $3];
  } elsif ($state eq 'mappings' && m{^(\d+): 0x([0-9a-f]+)/0x([0-9a-f]+)/0x([0-9a-f]+) (\S*)}) {
    $mapping{$1} = [hex($2), hex($4), $5];
  }
}
my %stacks;
for my $s (@samples) {
  my @frames;
  for my $id (reverse @{$s->[1]}) {
    my ($address, $m) = @{$location{$id}};
    if (defined $m && $mapping{$m}[2] ne '') {
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
