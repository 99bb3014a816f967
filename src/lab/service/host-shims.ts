// `hostname` and `getent hosts` of a simulated host, answered by the Perl shim itself from the host's own files
// (<root>/etc/hostname, <root>/etc/hosts), as src/lab/host/tools/hostname.ts and getent.ts answer them. On a real
// host these are C programs reading local files in about a millisecond; through the tool service each cost a
// round trip to Node (tens of ms), which made a playbook's host checks look several times slower than they are.
// Anything these shims do not answer themselves (another getent database) goes to the tool service as before.
// Each call is still written to the lab's call log (<labdir>/calls.jsonl, src/lab/core/call-log.ts).

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Perl code: %ROOT (host short name -> root), sub hosts_of($root), sub log_call($code), the timing start. */
function prelude(labDir: string, roots: Record<string, string>, tool: string): string {
  const map = Object.entries(roots).map(([h, r]) => `${quote(h)} => ${quote(r)}`).join(', ');
  return `use Time::HiRes ();
my $t0 = int(Time::HiRes::time() * 1000);
my %ROOT = (${map});
my $root = $ROOT{$ENV{CODA_LAB_HOST} // ''};
sub hosts_of {
  my @e;
  open(my $fh, '<', "$root/etc/hosts") or return ();
  while (my $l = <$fh>) { $l =~ s/#.*//; my ($ip, @names) = split(' ', $l); push @e, [$ip, @names] if defined $ip && $ip =~ /^\\d+\\.\\d+\\.\\d+\\.\\d+$/ && @names; }
  return @e;
}
sub lookup { my ($name) = @_; for my $e (hosts_of()) { for my $n (@$e[1 .. $#$e]) { return $e if lc($n) eq lc($name); } } return undef; }
sub js { my ($s) = @_; $s =~ s/(["\\\\])/\\\\$1/g; $s =~ s/([\\x00-\\x1f])/sprintf('\\\\u%04x', ord($1))/ge; return "\\"$s\\""; }
sub log_call {
  my ($code) = @_;
  my $line = '{"host":' . js($ENV{CODA_LAB_HOST} // '') . ',"tool":' . js(${quote(tool)}) . ',"args":[' . join(',', map { js($_) } @ARGV) . '],"start":' . $t0 . ',"end":' . int(Time::HiRes::time() * 1000) . ',"code":' . $code . "}\\n";
  if (open(my $log, '>>', ${quote(`${labDir}/calls.jsonl`)})) { print $log $line; close $log; }
}
`;
}

/** The body answering `hostname [-f|-s|-i]`; falls through (to the service) when the host is not known. */
function hostnameBody(): string {
  return `if (defined $root && open(my $hn, '<', "$root/etc/hostname")) {
  my $fqdn = <$hn>; $fqdn =~ s/\\s+$//;
  my $flag = $ARGV[0] // '';
  my $code = 0;
  if ($flag eq '-s' || $flag eq '--short') { print((split(/\\./, $fqdn))[0], "\\n"); }
  elsif ($flag eq '-i' || $flag eq '-I' || $flag eq '--ip-address') {
    my $e = $fqdn =~ /^\\d+\\.\\d+\\.\\d+\\.\\d+$/ ? [$fqdn] : lookup($fqdn);
    if ($e) { print "$e->[0]\\n"; } else { print STDERR "hostname: Name or service not known\\n"; $code = 1; }
  } else { print "$fqdn\\n"; }
  log_call($code);
  exit($code);
}
`;
}

/** The body answering `getent hosts|ahostsv4 KEY…` (glibc: exit 2 when a key is not found). */
function getentBody(): string {
  return `if (defined $root && @ARGV && ($ARGV[0] eq 'hosts' || $ARGV[0] eq 'ahostsv4')) {
  my (undef, @keys) = @ARGV;
  my $missing = 0;
  for my $k (@keys) {
    if ($k =~ /^\\d+\\.\\d+\\.\\d+\\.\\d+$/) { printf("%-15s %s\\n", $k, $k); next; }
    my $e = lookup($k);
    if (!$e) { $missing = 1; next; }
    printf("%-15s %s%s\\n", $e->[0], $e->[1], $e->[1] eq $k ? '' : " $k");
  }
  log_call($missing ? 2 : 0);
  exit($missing ? 2 : 0);
}
`;
}

export const HOST_SHIM_TOOLS = new Set(['hostname', 'getent']);

/** Perl code to put before the service client in the shim of `tool` (empty for the tools the service answers). */
export function hostShimPrefix(tool: string, labDir: string, roots: Record<string, string>): string {
  if (!HOST_SHIM_TOOLS.has(tool)) return '';
  return prelude(labDir, roots, tool) + (tool === 'hostname' ? hostnameBody() : getentBody());
}
