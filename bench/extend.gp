# extend.png from bench/extend.sh: time and peak memory of m2h-extend and phase-extender
# 0.1.8 (one process each) against the read-backed sites of the sample, log-log.
# gnuplot -e "dat='extend.dat'; png='extend.png'" bench/extend.gp
set terminal pngcairo size 1100,480 font ",11"
set output png
set datafile separator "\t"
set datafile missing "NaN"
set multiplot layout 1,2
set logscale xy
set grid
set key top left
set termoption noenhanced
set xlabel "read-backed sites of the sample of interest"
set ylabel "wall time, s"
set title "time (2-core machine, one process each)"
plot dat using 1:2 skip 1 with linespoints lw 2 pt 7 lc rgb "#c44e52" title "phase-extender 0.1.8", \
     dat using 1:3 skip 1 with linespoints lw 2 pt 7 lc rgb "#1f5f99" title "m2h-extend"
set ylabel "peak memory, MiB"
set title "memory (phase-extender: its process tree)"
plot dat using 1:4 skip 1 with linespoints lw 2 pt 7 lc rgb "#c44e52" title "phase-extender 0.1.8", \
     dat using 1:5 skip 1 with linespoints lw 2 pt 7 lc rgb "#1f5f99" title "m2h-extend"
unset multiplot
