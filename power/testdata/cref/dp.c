/* C reference for power/'s dynamic programs, to repeat the side-by-side
 * timings of BenchmarkCReference (see README.md). Same algorithms as the Go
 * code: the count polynomial prod_j (1 + x^{w_j}) (Banzhaf) or
 * prod_j (1 + y x^{w_j}) by size (Shapley-Shubik), players lightest first
 * with each row updated only where the row below can be non-zero, running
 * sums, then each distinct weight's swings by dividing its factor out of
 * the running sums. Counts are residues modulo primes below 2^31 (32-bit
 * cells, "r32"), below 2^63 (64-bit cells, "r64"), or modulo 2^64 ("w64",
 * exact below 64 players). It prints the seconds of the best of --reps runs
 * and a checksum of the swing counts per size (sum mod 2^64 of the first
 * pass's residues), which the Go benchmark prints too.
 *
 *   dp FILE.csv QUOTA MODE CELL REPS
 *   QUOTA: "50" (more than half) or a percent (85); MODE: banzhaf | ss;
 *   CELL: w64 | r64 | r32.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int n;
static int64_t w[1024], total;

static int cmp64(const void *a, const void *b) {
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void readcsv(const char *path) {
	FILE *f = fopen(path, "r");
	char line[512];
	if (!f) { perror(path); exit(1); }
	while (fgets(line, sizeof line, f)) {
		char *c = strrchr(line, ',');
		if (line[0] == '#' || !c || strncmp(line, "name,", 5) == 0) continue;
		w[n] = atoll(c + 1);
		total += w[n++];
	}
	fclose(f);
}

static double now(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + 1e-9 * t.tv_nsec;
}

typedef uint64_t u64;
static u64 P; /* 0: modulo 2^64 */
static int cell32;

static inline u64 madd(u64 a, u64 b) { u64 s = a + b; if (P && s >= P) s -= P; return s; }
static inline u64 msub(u64 a, u64 b) { u64 s = a - b; if (P && a < b) s += P; return s; }

/* The table: rows 0..n (sized) or one row; row s spans [lo[s], end[s]]. */
static int rows;
static int64_t lo[1025], hi[1025], endw[1025];
static void *row[1025];

#define GET(s, k) (cell32 ? (u64)((uint32_t *)row[s])[k] : ((u64 *)row[s])[k])

static void addrange(int s, int64_t wj, int64_t a, int64_t b) {
	int64_t o = a - lo[s], o1 = a - wj - lo[s - 1], len = b - a + 1;
	if (cell32) {
		uint32_t *d = (uint32_t *)row[s] + o, *r = (uint32_t *)row[s - 1] + o1;
		uint32_t p = (uint32_t)P;
		for (int64_t k = 0; k < len; k++) { uint32_t x = d[k] + r[k]; d[k] = x >= p ? x - p : x; }
	} else if (P) {
		u64 *d = (u64 *)row[s] + o, *r = (u64 *)row[s - 1] + o1;
		for (int64_t k = 0; k < len; k++) { u64 x = d[k] + r[k]; d[k] = x >= P ? x - P : x; }
	} else {
		u64 *d = (u64 *)row[s] + o, *r = (u64 *)row[s - 1] + o1;
		for (int64_t k = 0; k < len; k++) d[k] += r[k];
	}
}

static u64 at(int s, int64_t k) {
	if (s < 0 || s >= rows || !row[s] || k < lo[s]) return 0;
	if (k > endw[s]) k = endw[s];
	return GET(s, k - lo[s]);
}

static u64 without(int s, int64_t k, int64_t wi) {
	u64 acc = 0;
	for (int j = 0; s - j >= 0 && k - j * wi >= 0; j++) {
		u64 v = at(rows == 1 ? 0 : s - j, k - j * wi);
		acc = (j & 1) ? msub(acc, v) : madd(acc, v);
		if (rows == 1) s++; /* unsized: the size index stays 0 */
	}
	return acc;
}

int main(int argc, char **argv) {
	if (argc < 6) { fprintf(stderr, "usage: dp FILE QUOTA banzhaf|ss w64|r64|r32 REPS\n"); return 2; }
	readcsv(argv[1]);
	int pct = atoi(argv[2]), sized = strcmp(argv[3], "ss") == 0, reps = atoi(argv[5]);
	int64_t q = pct == 50 ? total / 2 + 1 : (total * pct + 99) / 100;
	cell32 = strcmp(argv[4], "r32") == 0;
	P = strcmp(argv[4], "w64") == 0 ? 0 : cell32 ? 2147483647u : 9223372036854775783ull;
	qsort(w, n, sizeof w[0], cmp64);
	/* Orientation as in Go: count directly (weights < q) or through the
	 * complement (weights <= total - q), whichever is shorter. */
	int comp = total - q < q - 1;
	int64_t d = comp ? total - q : q - 1;
	rows = sized ? n + 1 : 1;
	int64_t s0 = 0, s1 = 0;
	for (int s = 0; s < rows; s++) {
		if (sized) { lo[s] = s0; hi[s] = s1; if (s < n) { s0 += w[s]; s1 += w[n - 1 - s]; } }
		else { lo[s] = 0; hi[s] = total; }
		endw[s] = hi[s] < d ? hi[s] : d;
		row[s] = endw[s] >= lo[s] ? calloc(endw[s] - lo[s] + 1, cell32 ? 4 : 8) : NULL;
	}
	double best = 1e30;
	u64 check = 0;
	for (int rep = 0; rep < reps; rep++) {
		double t0 = now();
		for (int s = 0; s < rows; s++)
			if (row[s]) memset(row[s], 0, (endw[s] - lo[s] + 1) * (cell32 ? 4 : 8));
		if (cell32) ((uint32_t *)row[0])[0] = 1; else ((u64 *)row[0])[0] = 1;
		if (!sized) {
			int64_t reach = 0;
			for (int j = 0; j < n; j++) { /* in place, from the top */
				int64_t top = reach + w[j] < endw[0] ? reach + w[j] : endw[0];
				u64 *r = (u64 *)row[0];
				for (int64_t k = top; k >= w[j]; k--) r[k] = madd(r[k], r[k - w[j]]);
				reach = top;
			}
		} else {
			static int64_t rlo[1025], rhi[1025];
			for (int s = 1; s < rows; s++) { rlo[s] = INT64_MAX; rhi[s] = -1; }
			for (int j = 0; j < n; j++)
				for (int s = j + 1 < rows - 1 ? j + 1 : rows - 1; s >= 1; s--) {
					if (!row[s] || !row[s - 1] || rhi[s - 1] < 0) continue;
					int64_t a = rlo[s - 1] > lo[s - 1] ? rlo[s - 1] : lo[s - 1];
					a += w[j]; if (a < lo[s]) a = lo[s];
					int64_t b = rhi[s - 1] < endw[s - 1] ? rhi[s - 1] : endw[s - 1];
					b += w[j]; if (b > endw[s]) b = endw[s];
					if (a > b) continue;
					addrange(s, w[j], a, b);
					if (a < rlo[s]) rlo[s] = a;
					if (b > rhi[s]) rhi[s] = b;
				}
		}
		for (int s = 0; s < rows; s++) /* running sums */
			if (row[s]) for (int64_t k = 1; k <= endw[s] - lo[s]; k++) {
				if (cell32) { uint32_t *r = row[s]; r[k] = (uint32_t)madd(r[k], r[k - 1]); }
				else { u64 *r = row[s]; r[k] = madd(r[k], r[k - 1]); }
			}
		check = 0;
		for (int i = 0; i < n; i++) {
			if (i > 0 && w[i] == w[i - 1]) continue;
			int64_t m = total - w[i];
			for (int s = 0; s < (sized ? n : 1); s++) {
				int64_t wlo = q - w[i] > 0 ? q - w[i] : 0, whi = q - 1 < m ? q - 1 : m;
				if (wlo > whi) continue;
				int size = s; int64_t a = wlo, b = whi;
				if (comp) { size = n - 1 - s; a = m - whi; b = m - wlo; }
				u64 c;
				if (b >= m) c = 0; /* the full count is known in closed form; left out of the checksum */
				else c = without(size, b, w[i]);
				if (a > 0) c = msub(c, without(size, a - 1, w[i]));
				check += c;
			}
		}
		double t = now() - t0;
		if (t < best) best = t;
	}
	printf("n=%d quota=%lld mode=%s cell=%s seconds=%.6f checksum=%llu\n", n, (long long)q, argv[3], argv[4], best, (unsigned long long)check);
	return 0;
}
