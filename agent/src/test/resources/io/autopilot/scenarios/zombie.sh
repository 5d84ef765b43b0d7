# A health check that leaves an orphan (test_reap_zombies): the backgrounded sleep is still running when the check
# exits, and the agent kills what a check leaves behind, so it is reparented to PID 1 as it dies, and only PID 1 can
# reap it. $1: the work folder.
echo run >> "$1/zombie.runs"
sleep 0.5 &
exec sleep 0.1
