#!/bin/sh
# The instance's health check: passing once its marker exists, logged with the instance's pid before it answers.
pid=$(cat "$WORK/ready-$NODE" 2>/dev/null)
[ -n "$pid" ] || exit 1
echo "healthy $NODE $pid $(date +%s%N)" >> "$WORK/rolling.log"
