// Helpers shared inside the core library only (not part of the public API).
#pragma once

typedef struct BGZF BGZF;
struct hts_tpool;

namespace m2h::detail {

// bgzf_mt with SIGINT/SIGTERM/SIGHUP/SIGPIPE blocked while htslib creates its
// threads, so those signals always reach the main thread (whose handler removes
// temporary files) and never interrupt a worker.
int bgzf_mt_main_signals(BGZF* fp, int threads);
// hts_tpool_init with the same signal rule; nullptr when threads <= 0.
hts_tpool* make_pool(int threads);

}  // namespace m2h::detail
