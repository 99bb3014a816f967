// The bin/ shims. Each is a small Perl client of the lab's tool service (Perl is part of every Debian system:
// perl-base is Essential): it starts in a few milliseconds where a Node process costs 0.1–0.8 s. It loads no
// module at all (Socket alone costs ~15 ms of CPU per call): the socket constants and the socket's address are
// asked of Perl's Socket once, when the shims are written (SocketConstants), and baked in. It hands argv, cwd, umask and the environment to the service, and copies the tool's stdout and
// stderr back byte for byte, stdin on demand, and the exit status (protocol.ts). When the service is not
// there (a lab from before, or it was stopped) the shim runs the tool as its own Node process, as it always did.
// Where there is no Perl the shims are the plain sh ones.

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function shShim(node: string, entry: string, tool: string): string {
  return `#!/bin/sh\nexec "${node}" "${entry}" ${tool} "$@"\n`;
}

/** PF_UNIX, SOCK_STREAM and pack_sockaddr_un(<socket>) as this machine's Perl has them. */
export interface SocketConstants {
  pfUnix: number;
  sockStream: number;
  sockaddrHex: string;
}

/** `prefix`: Perl code that may answer the call itself before dialling the service (host-shims.ts). */
export function perlShim(perl: string, node: string, entry: string, k: SocketConstants, tool: string, prefix = ''): string {
  return `#!${perl}
# codaplay lab: ${tool}, served by the lab's tool service (src/lab/service/shim.ts writes this file).
${prefix}my ($tool, $node, $entry) = (${quote(tool)}, ${quote(node)}, ${quote(entry)});
sub direct { exec($node, $entry, $tool, @ARGV) or die "$tool: cannot run $node: $!\\n"; }
sub dial { socket(my $s, ${k.pfUnix}, ${k.sockStream}, 0) or return undef; connect($s, pack('H*', '${k.sockaddrHex}')) or return undef; return $s; }
sub put {
  my ($fh, $data) = @_;
  while (length $data) { my $n = syswrite($fh, $data); exit(141) unless defined $n; substr($data, 0, $n) = ''; }
}
my $ctl = dial() or direct();
my $out = dial() or direct();
my $err = dial() or direct();
my $token = sprintf('%08x', $$) . join('', map { sprintf('%04x', int(rand(65536))) } 1 .. 6);
my @f = ($tool, readlink('/proc/self/cwd') // $ENV{PWD} // '/', umask(), scalar(@ARGV), @ARGV, map { "$_=$ENV{$_}" } sort keys %ENV);
my $hdr = join('', map { pack('N/a*', $_) } @f);
put($ctl, 'A' . $token . pack('N', length $hdr) . $hdr);
put($out, 'O' . $token);
put($err, 'E' . $token);
my %sink = (fileno($out) => \\*STDOUT, fileno($err) => \\*STDERR);
my %open = (fileno($out) => $out, fileno($err) => $err, fileno($ctl) => $ctl);
my ($status, $abuf, $stdin) = (undef, '', 0);
while (1) {
  exit($status) if defined $status && !exists $open{fileno($out)} && !exists $open{fileno($err)};
  my $rin = '';
  vec($rin, $_, 1) = 1 for keys %open;
  vec($rin, 0, 1) = 1 if $stdin == 1;
  next if select(my $rout = $rin, undef, undef, undef) < 0;
  for my $fd (keys %open) {
    next unless vec($rout, $fd, 1);
    my $n = sysread($open{$fd}, my $buf, 65536);
    if (!$n) {
      delete $open{$fd};
      next if $fd != fileno($ctl) || defined $status;
      print STDERR "$tool: the lab's tool service ended during the call\\n";
      exit(250);
    }
    if ($sink{$fd}) { put($sink{$fd}, $buf); next; }
    $abuf .= $buf;
    while ($abuf =~ s/^([SX])(\\d*)\\n//) {
      if ($1 eq 'X') { $status = $2; }
      elsif (!$stdin) { $stdin = stat(STDIN) ? 1 : 2; put($ctl, "E\\n") if $stdin == 2; }
    }
  }
  if ($stdin == 1 && vec($rout, 0, 1)) {
    my $n = sysread(STDIN, my $buf, 65536);
    if ($n) { put($ctl, 'D' . length($buf) . "\\n" . $buf); } else { put($ctl, "E\\n"); $stdin = 2; }
  }
}
`;
}
