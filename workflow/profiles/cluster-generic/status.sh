#!/usr/bin/env bash
# Snakemake cluster status command for SLURM: prints running, success or failed for a job
# id. Works without SLURM accounting: scontrol knows a finished job for MinJobAge seconds
# (300 by default); sacct is asked only when scontrol no longer has it.
jobid=$1
state=$(scontrol show job -o "$jobid" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)
[ -n "$state" ] || state=$(sacct -n -X -P -j "$jobid" -o State 2>/dev/null | head -n 1 | cut -d' ' -f1)
case $state in
  COMPLETED) echo success ;;
  PENDING|CONFIGURING|RUNNING|COMPLETING|REQUEUED|RESIZING|SUSPENDED|STAGE_OUT|SIGNALING) echo running ;;
  "") echo "status.sh: SLURM does not know job $jobid" >&2; echo failed ;;
  *) echo failed ;;
esac
