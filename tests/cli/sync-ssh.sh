# Sourced by tests/cli/run.sh (RATER, tmp, ok, not_ok): rater sync over
# ssh, as a clinic runs it (issue 16): a bare repository on a server
# reached with one ssh key per workstation.  The server is a real sshd
# (Debian's openssh-server, installed by make check's dependency step)
# started for this suite on a free local port, with a host key and an
# authorized key of its own; the workstations name it in an ssh
# configuration file given through GIT_SSH_COMMAND, which rater keeps
# (adding BatchMode and the connection timeout).
#
#  - two workstations join over ssh; sessions and an amendment made at
#    one reach the other; both verify;
#  - a key the server does not know, and a server whose host key is not
#    the one on record, are refused at once (no prompt), with a message,
#    and the session saved meanwhile is sent by the next good sync;
#  - the server down (the network gone): saves go on, sync fails
#    clearly, and once it is back one sync sends everything.
. tests/wait.sh
ss=$tmp/ssh
rm -rf "$ss"
mkdir -p "$ss/server"
ss_ok=1
if [ ! -x /usr/sbin/sshd ]; then
	not_ok "sync-ssh.sh: /usr/sbin/sshd missing (openssh-server)"
	ss_ok=0
fi
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
ssh-keygen -q -t ed25519 -N '' -C host -f "$ss/host_key"
ssh-keygen -q -t ed25519 -N '' -C ws -f "$ss/ws_key"
ssh-keygen -q -t ed25519 -N '' -C stranger -f "$ss/stranger_key"
ssh-keygen -q -t ed25519 -N '' -C impostor -f "$ss/impostor_key"
cp "$ss/ws_key.pub" "$ss/authorized_keys"

# ss_start KEY: sshd on a free port (tried from a number of this shell's
# own) with host key KEY; sets ss_port.
ss_start() {
	ss_try=0
	ss_port=$((20000 + ($$ % 20000)))
	while [ $ss_try -lt 20 ]; do
		cat >"$ss/sshd_config" <<EOF
Port $ss_port
ListenAddress 127.0.0.1
HostKey $1
AuthorizedKeysFile $ss/authorized_keys
PidFile $ss/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
LogLevel ERROR
EOF
		if /usr/sbin/sshd -f "$ss/sshd_config" -E "$ss/sshd.log"; then
			return 0
		fi
		ss_port=$((ss_port + 1))
		ss_try=$((ss_try + 1))
	done
	return 1
}
ss_stop() {
	[ -f "$ss/sshd.pid" ] && kill "$(cat "$ss/sshd.pid")" 2>/dev/null
	until_ok test ! -e "$ss/sshd.pid"
	rm -f "$ss/sshd.pid"
}
# ss_config KEY: the workstation's ssh configuration, naming the server
# "trialserver" (what a clinic puts in ~/.ssh/config).
ss_config() {
	cat >"$ss/ssh_config" <<EOF
Host trialserver
	HostName 127.0.0.1
	Port $ss_port
	User $(id -un)
	IdentityFile $1
	IdentitiesOnly yes
	UserKnownHostsFile $ss/known_hosts
	GlobalKnownHostsFile /dev/null
	StrictHostKeyChecking yes
EOF
	printf '[127.0.0.1]:%s %s\n' "$ss_port" \
	    "$(cut -d' ' -f1,2 "$ss/host_key.pub")" >"$ss/known_hosts"
}
ss_up() { ssh -F "$ss/ssh_config" -o BatchMode=yes trialserver true \
    >/dev/null 2>&1; }
ss_check() {	# ss_check NAME CMD...
	ss_name=$1
	shift
	holds "sync-ssh.sh: $ss_name" "$@"
}
ss_run() {	# ss_run WS ARGS...: rater on workstation WS; out, err, st
	ss_ws=$1
	shift
	ss_st=0
	GIT_SSH_COMMAND="ssh -F $ss/ssh_config" timeout 120 \
	    "$RATER" --data "$ss/$ss_ws" "$@" >"$ss/out" 2>"$ss/err" \
	    </dev/null || ss_st=$?
}
ss_has() { grep -q -- "$1" "$ss/$2"; }

if [ $ss_ok = 1 ] && ! ss_start "$ss/host_key"; then
	not_ok "sync-ssh.sh: sshd does not start: $(tail -3 "$ss/sshd.log")"
	ss_ok=0
fi
if [ $ss_ok = 1 ]; then
	ss_config "$ss/ws_key"
	ss_check "sshd answers" until_ok ss_up
	git init -q --bare "$ss/server/psidys.git"
	URL=trialserver:$ss/server/psidys.git
	ANS="q1=1 q2=2 q3=0 q4=1 q5=0 q6=0 q7=1 q8=0 q9=0"

	# --- joining and exchanging over ssh ----------------------------
	ss_run x sync --remote "$URL" --trial PSIDYS-01 --workstation ssh1
	ss_check "x joins over ssh" test "$ss_st" = 0
	ss_check "x joins: summary" ss_has "sent (workstation ssh1)" out
	ss_run y sync --remote "ssh://trialserver$ss/server/psidys.git" \
	    --trial PSIDYS-01 --workstation ssh2
	ss_check "y joins (ssh:// URL)" test "$ss_st" = 0
	for p in P201 P202 P203; do
		ss_run x record phq9 --patient $p $ANS
	done
	ss_check "x records" test "$ss_st" = 0
	ss_run x sync
	ss_check "x sends 3" test "$ss_st" = 0
	ss_run y sync
	ss_check "y receives 3" ss_has "3 sessions received" out
	ss_run y amend P202/20261126T101500-phq9-1@ssh1 q1=3 \
	    --reason "rater misheard item 1" --rater yrater
	ss_check "y amends x's session" test "$ss_st" = 0
	ss_run y sync
	ss_check "y sends the amendment" test "$ss_st" = 0
	ss_run x sync
	ss_check "x receives the amendment" test "$ss_st" = 0
	ss_run x show P202/20261126T101500-phq9-1@ssh1.r2@ssh2
	ss_check "x shows the amendment" ss_has "rater misheard item 1" out

	# --- a key the server does not know -----------------------------
	ss_run x record phq9 --patient P204 $ANS
	ss_config "$ss/stranger_key"
	ss_t0=$(date +%s)
	ss_run x sync
	ss_check "unknown key refused" test "$ss_st" = 1
	ss_check "unknown key: message" ss_has "cannot reach the remote.*Permission denied (publickey)" err
	ss_check "unknown key: no prompt, no wait" \
	    test $(($(date +%s) - ss_t0)) -lt 60
	ss_check "unknown key: the save stays committed" test \
	    "$(git -C "$ss/x" log -1 --format=%s)" = \
	    "rater save P204/20261126T101500-phq9-1@ssh1 at ssh1"

	# --- a server that is not the one on record (host key) -----------
	ss_stop
	ss_start "$ss/impostor_key"
	ss_config "$ss/ws_key"
	until_ok sh -c "ssh -F '$ss/ssh_config' -o BatchMode=yes trialserver \
	    true 2>&1 | grep -q 'HOST IDENTIFICATION HAS CHANGED'"
	ss_run x sync
	ss_check "changed host key refused" test "$ss_st" = 1
	ss_check "changed host key: message" ss_has "Host key verification failed" err

	# --- the server down -------------------------------------------
	ss_stop
	ss_run x record phq9 --patient P205 $ANS
	ss_check "server down: saves go on" test "$ss_st" = 0
	ss_run x sync
	ss_check "server down: sync fails" test "$ss_st" = 1
	ss_check "server down: message" ss_has "cannot reach the remote.*Connection refused" err

	# --- back: one sync sends all that waited ------------------------
	ss_start "$ss/host_key"
	ss_config "$ss/ws_key"
	until_ok ss_up
	ss_run x sync
	ss_check "back: x sends" test "$ss_st" = 0
	ss_run y sync
	ss_check "back: y receives P204 and P205" \
	    ss_has "2 sessions received" out
	ss_run x list
	cp "$ss/out" "$ss/list.x"
	ss_run y list
	ss_check "x and y list the same" cmp -s "$ss/out" "$ss/list.x"
	ss_check "x and y: 5 sessions" test "$(grep -c '^P20' "$ss/out")" = 5
	ss_run x verify
	ss_check "x verifies" test "$ss_st" = 0
	ss_run y verify
	ss_check "y verifies" test "$ss_st" = 0
	ss_check "server: no stray process" test -s "$ss/sshd.pid"
	ss_stop
fi
