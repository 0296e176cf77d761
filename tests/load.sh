#!/bin/sh
# tests/load.sh COMMAND...: runs COMMAND with two CPU-bound processes
# beside it, as a busy workstation or a shared CI runner would have
# (make check-load: make check so).  The burners are stopped, by their
# own process ids, when COMMAND ends or is interrupted; the exit status
# is COMMAND's.
burners=
stop() {
	for p in $burners; do kill "$p" 2>/dev/null; done
	burners=
}
trap stop EXIT
trap 'stop; exit 2' INT TERM
for i in 1 2; do
	sh -c 'while :; do :; done' &
	burners="$burners $!"
done
echo "load: two CPU-bound processes running (pids$burners)"
"$@"
st=$?
stop
exit $st
