# writers.png from bench/writers.sh: wall time of m2h-transform over bcftools view writing
# the same records (median of the side-by-side ratios; under 1: ours is faster).
# gnuplot -e "dat='writers.dat'; png='writers.png'" bench/writers.gp
set terminal pngcairo size 1100,600 font ",11"
set output png
set datafile separator "\t"
set style data histograms
set style fill solid 0.85 border -1
set boxwidth 0.7
set yrange [0:*]
set grid ytics
set xtics rotate by -35 nomirror
set key off autotitle columnhead
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lw 2
set title "m2h-transform / bcftools view, same records, level and threads (2 cores; lower is better)"
set ylabel "wall time ratio (median of the repeats)"
plot dat using 2:xtic(1) lc rgb "#1f5f99"
