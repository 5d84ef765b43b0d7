#!/bin/sh
# One instance of the service on node $NODE: ready half a second after its start (its marker holds its pid), as a
# real service takes time to start; stopped, it removes its marker and logs the stop. Lines go to $WORK/rolling.log
# with the time in nanoseconds.
ready=$WORK/ready-$NODE
trap 'rm -f "$ready"; echo "stop $NODE $$ $(date +%s%N)" >> "$WORK/rolling.log"; exit 0' TERM
echo "start $NODE $$ $(date +%s%N)" >> "$WORK/rolling.log"
sleep 0.5
echo $$ > "$ready.new" && mv "$ready.new" "$ready" # whole, or not there: the check reads it
sleep 3600 &
wait $!
