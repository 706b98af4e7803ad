#!/usr/bin/env bash
# sshd-loopback.sh start DIR | stop DIR: run a private sshd on 127.0.0.1 for
# the PARALLEL_HOSTS test.  "start" writes into DIR a host key, a client key
# authorised for the current user, sshd_config, and prints two lines:
#   the sshlogin for GNU parallel (user@127.0.0.1)
#   the ssh command for PARALLEL_SSH (ssh -p PORT -i KEY -o ...)
# and exits 0 once the server accepts a login; non-zero (with a message on
# stderr) when it cannot.  Must run as root (sshd needs its privilege
# separation user).  "stop" kills the server recorded in DIR/sshd.pid.
set -euo pipefail
cmd=${1:?usage: sshd-loopback.sh start|stop DIR}
dir=${2:?usage: sshd-loopback.sh start|stop DIR}
dir=$(cd "$dir" && pwd)

if [ "$cmd" = stop ]; then
	if [ -f "$dir/sshd.pid" ]; then
		kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true
		rm -f "$dir/sshd.pid"
	fi
	exit 0
fi

[ "$(id -u)" = 0 ] || { echo "not root" >&2; exit 3; }
[ -x /usr/sbin/sshd ] || { echo "no /usr/sbin/sshd" >&2; exit 3; }
mkdir -p /run/sshd
chmod 755 /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key" </dev/null
ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key" </dev/null
cp "$dir/client_key.pub" "$dir/authorized_keys"
chmod 600 "$dir/authorized_keys" "$dir/host_key" "$dir/client_key"

# A free port: ask the kernel for one, then hand it to sshd.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$dir/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
MaxStartups 50
MaxSessions 50
LogLevel ERROR
EOF
/usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
ssh="ssh -p $port -i $dir/client_key -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
login=$(id -un)@127.0.0.1
for _ in 1 2 3 4 5 6 7 8 9 10; do
	if $ssh "$login" true 2>/dev/null; then
		printf '%s\n%s\n' "$login" "$ssh"
		exit 0
	fi
	sleep 0.3
done
echo "sshd did not accept a login; log:" >&2
cat "$dir/sshd.log" >&2 || true
exit 1
