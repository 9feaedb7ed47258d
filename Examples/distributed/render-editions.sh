#!/bin/sh
# Renders every issue folder under ISSUES on the hosts GNU parallel is given, one edition per
# job: `--sshlogin :` is this machine (the tested case), `-S 4/host1,4/host2` two hosts with four
# jobs each (each host has paiban on PATH and sees ISSUES and OUT, e.g. on a shared volume).
# Usage: render-editions.sh ISSUES OUT [SSHLOGIN]
# Exit status: 0 when every edition rendered, else the number of editions that failed (parallel's).
set -eu
issues=$1 out=$2 login=${3:-:}
mkdir -p "$out"
find "$issues" -mindepth 1 -maxdepth 1 -type d | sort | \
  parallel --sshlogin "$login" --joblog "$out/joblog.tsv" --halt never \
    'paiban render {} -o '"$out"'/{/}/edition.pdf > '"$out"'/{/}.log 2>&1'
