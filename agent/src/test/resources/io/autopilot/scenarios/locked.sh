#!/bin/sh
# A run that must be alone: logs its start and end to $WORK/locked.log (name, time in nanoseconds), half a second apart.
echo "start $1 $(date +%s%N)" >> "$WORK/locked.log"
sleep 0.5
echo "end $1 $(date +%s%N)" >> "$WORK/locked.log"
