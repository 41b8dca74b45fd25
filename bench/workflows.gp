# workflows.png from bench/workflows.sh: wall time of each runner per genome shape, the
# ratio to one m2h-transform over the same file above each bar (lower is better).
# gnuplot -e "dat='workflows.dat'; png='workflows.png'" bench/workflows.gp
set terminal pngcairo size 1300,620 font ",11"
set output png
set datafile separator "\t"
set style fill solid 0.85 border -1
set boxwidth 0.7
set grid ytics
set yrange [0:*]
set xtics rotate by -35 left nomirror
set ylabel "wall time, s (median)"
set title "The workflows against one m2h-transform (2 cores, page cache warm; ratio above each bar)"
set bmargin 12
set rmargin 18
plot dat using 0:2:xtic(1) with boxes notitle lc rgb "#1f5f99", \
     dat using 0:2:(sprintf("%.2fx", column(3))) with labels offset 0,1 notitle
