#!/bin/sh
# The job that runs while its agent is the leader: it holds the marker $WORK/leaders/$NODE from its start until it is
# stopped, and logs both to $WORK/leader.log with the time in nanoseconds.
mkdir -p "$WORK/leaders"
marker=$WORK/leaders/$NODE
trap 'rm -f "$marker"; echo "end $NODE $(date +%s%N)" >> "$WORK/leader.log"; exit 0' TERM
touch "$marker"
echo "start $NODE $(date +%s%N)" >> "$WORK/leader.log"
sleep 3600 &
wait $!
