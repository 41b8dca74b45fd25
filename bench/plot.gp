# bench.png from bench/run.sh's results: wall time and peak memory (both log scale) of
# m2h-transform, the workflow and the peers, one bar per size and input.
# gnuplot -e "dat='plot.dat'; groups=4; png='bench.png'" bench/plot.gp
set terminal pngcairo size 1200,900 font ",11"
set output png
set datafile separator "\t"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set logscale y
set grid ytics
set key outside right top
set xtics nomirror
set multiplot layout 2,1 title "matrix2hap against its peers (2 cores; lower is better).\nNo wall bar: the run was stopped when it reached the memory cap (16 GiB)."
set ylabel "wall time, s"
plot for [g=1:groups] dat using (column(2*g)):xtic(1) title columnhead(2*g)
set ylabel "peak memory over the process tree, MiB"
plot for [g=1:groups] dat using (column(2*g+1)):xtic(1) title columnhead(2*g+1)
unset multiplot
