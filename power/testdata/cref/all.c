/* C reference for every index power/ computes exactly on a weighted game
 * under 64 players ("electoral college, all indices"), with the same
 * dynamic programs as the Go code and counts in uint64 (exact modulo 2^64,
 * which bounds every count below 64 players):
 *
 *   - Banzhaf, Penrose, Shapley-Shubik, Coleman: the count polynomial
 *     prod_j (1 + y x^{w_j}) by size and weight (rows spanning the weights
 *     s players can have, truncated at D, counted directly or through the
 *     complement, whichever D is smaller), built lightest player first with
 *     reach-limited row updates, turned into running sums; each distinct
 *     weight's swings by size from dividing its factor out of the sums
 *     (thresholdDPTally, count1, winningCount in dp.go);
 *   - Deegan-Packel and Holler: minimal winning coalitions by size and
 *     member, players heaviest first, running sums of the heavier players,
 *     one weight class at a time divided out (mwcDP);
 *   - Johnston: per weight level, the sized polynomial of the heavier
 *     players with each class divided out, paired with the lighter players'
 *     window counts (johnstonDP).
 *
 * The final indices are doubles (Shapley-Shubik coefficients
 * 1/(n C(n-1, s)) in double), where Go computes exact fractions and rounds
 * them once: the C side does strictly less work there.
 *
 *   all FILE.csv QUOTA REPS [print]
 *   QUOTA: "50" (more than half) or a percent; prints the best and the mean wall time
 *   of REPS runs and their mean process CPU time and a checksum of the raw counts; "print" also prints every index.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef uint64_t u64;
#define MAXN 64

static int n;
static int64_t w[MAXN], total, q;
static char names[MAXN][600];

static void readcsv(const char *path) {
	FILE *f = fopen(path, "r");
	char line[512];
	if (!f) { perror(path); exit(1); }
	while (fgets(line, sizeof line, f)) {
		char *c = strrchr(line, ',');
		if (line[0] == '#' || !c || strncmp(line, "name,", 5) == 0) continue;
		if (n == MAXN - 1) { fprintf(stderr, "at most %d players\n", MAXN - 1); exit(2); }
		*c = 0;
		snprintf(names[n], sizeof names[n], "%s", line);
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

/* Process CPU seconds: on a shared, busy machine wall time mostly
 * measures waiting for a core. */
static double cpu(void) {
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* A sized table: row s spans [lo[s], end[s]] (absent if end < lo). */
typedef struct {
	int rows;
	int64_t lo[MAXN + 1], end[MAXN + 1];
	u64 *row[MAXN + 1];
} table;

static void tnew(table *t, int rows, const int64_t *lo, const int64_t *hi, int64_t d) {
	t->rows = rows;
	for (int s = 0; s < rows; s++) {
		t->lo[s] = lo[s];
		t->end[s] = hi[s] < d ? hi[s] : d;
		t->row[s] = t->end[s] >= lo[s] ? calloc(t->end[s] - lo[s] + 1, 8) : NULL;
	}
}

static void tclear(table *t) {
	for (int s = 0; s < t->rows; s++)
		if (t->row[s]) memset(t->row[s], 0, (t->end[s] - t->lo[s] + 1) * 8);
}

static inline u64 at1(const table *t, int s, int64_t k) {
	if (s < 0 || s >= t->rows || !t->row[s] || k < t->lo[s]) return 0;
	if (k > t->end[s]) k = t->end[s];
	return t->row[s][k - t->lo[s]];
}

/* Coalitions of size s and weight <= k avoiding a player of weight wi. */
static inline u64 without1(const table *t, int s, int64_t k, int64_t wi) {
	u64 acc = 0;
	for (int j = 0; s - j >= 0 && k - j * wi >= 0; j++) {
		u64 v = at1(t, s - j, k - j * wi);
		acc = (j & 1) ? acc - v : acc + v;
	}
	return acc;
}

/* row s += row s-1 shifted by wj, where both exist (src may be another
 * table with the same spans). */
static void addshift(table *t, const table *src, int s, int64_t wj, int sub) {
	if (!t->row[s] || !src->row[s - 1]) return;
	int64_t a = t->lo[s] > src->lo[s - 1] + wj ? t->lo[s] : src->lo[s - 1] + wj;
	int64_t b = t->end[s] < src->end[s - 1] + wj ? t->end[s] : src->end[s - 1] + wj;
	if (a > b) return;
	u64 *d = t->row[s] + (a - t->lo[s]);
	const u64 *r = src->row[s - 1] + (a - wj - src->lo[s - 1]);
	int64_t len = b - a + 1;
	if (sub) for (int64_t k = 0; k < len; k++) d[k] -= r[k];
	else for (int64_t k = 0; k < len; k++) d[k] += r[k];
}

static void prefix(table *t) {
	for (int s = 0; s < t->rows; s++)
		if (t->row[s]) {
			u64 *r = t->row[s];
			for (int64_t k = 1; k <= t->end[s] - t->lo[s]; k++) r[k] += r[k - 1];
		}
}

static int cmpasc(const void *a, const void *b) {
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int order[MAXN]; /* heaviest first, ties by index */
static int cmpdesc(const void *a, const void *b) {
	int i = *(const int *)a, j = *(const int *)b;
	if (w[i] != w[j]) return w[i] > w[j] ? -1 : 1;
	return i - j;
}

static int64_t szlo[MAXN + 1], szhi[MAXN + 1], sorted[MAXN];

static u64 binom64(int m, int k) {
	if (k < 0 || k > m) return 0;
	if (k > m - k) k = m - k;
	u64 c = 1;
	for (int j = 1; j <= k; j++) c = c * (u64)(m - k + j) / (u64)j;
	return c;
}

/* Outputs. */
static u64 swings[MAXN], winning, mwctotal;
static double ss[MAXN], holler[MAXN], dpsum[MAXN], john[MAXN];
static u64 check;

static table T, M, P, Pm;
static u64 *Q, *gq, *R;
static u64 mcnt[MAXN][MAXN + 2], jcnt[MAXN][MAXN + 2];

static void run(void) {
	/* Banzhaf, Shapley-Shubik, Coleman: orientation with the winning count. */
	int64_t dDirect = q - 1, dComp = total - q;
	int comp = dComp < dDirect;
	tclear(&T);
	T.row[0][0] = 1;
	{
		static int64_t rlo[MAXN + 1], rhi[MAXN + 1];
		for (int s = 1; s <= n; s++) { rlo[s] = INT64_MAX; rhi[s] = -1; }
		rlo[0] = 0; rhi[0] = 0;
		for (int j = 0; j < n; j++) {
			int64_t wj = sorted[j];
			for (int s = j + 1 < n ? j + 1 : n; s >= 1; s--) {
				if (!T.row[s] || !T.row[s - 1] || rhi[s - 1] < 0) continue;
				int64_t a = (rlo[s - 1] > T.lo[s - 1] ? rlo[s - 1] : T.lo[s - 1]) + wj;
				if (a < T.lo[s]) a = T.lo[s];
				int64_t b = (rhi[s - 1] < T.end[s - 1] ? rhi[s - 1] : T.end[s - 1]) + wj;
				if (b > T.end[s]) b = T.end[s];
				if (a > b) continue;
				u64 *dst = T.row[s] + (a - T.lo[s]);
				const u64 *src = T.row[s - 1] + (a - wj - T.lo[s - 1]);
				for (int64_t k = 0; k <= b - a; k++) dst[k] += src[k];
				if (a < rlo[s]) rlo[s] = a;
				if (b > rhi[s]) rhi[s] = b;
			}
		}
	}
	prefix(&T);
	double coef[MAXN];
	for (int s = 0; s < n; s++) coef[s] = 1.0 / ((double)n * (double)binom64(n - 1, s));
	for (int i = 0; i < n; i++) {
		int same = -1;
		for (int j = 0; j < i; j++) if (w[j] == w[i]) { same = j; break; }
		if (same >= 0) { swings[i] = swings[same]; ss[i] = ss[same]; continue; }
		int64_t m = total - w[i];
		u64 sw = 0;
		double sv = 0;
		for (int s = 0; s < n; s++) {
			int64_t lo = q - w[i] > 0 ? q - w[i] : 0, hi = q - 1 < m ? q - 1 : m;
			if (lo > hi) continue;
			int size = s;
			int64_t a = lo, b = hi;
			if (comp) { size = n - 1 - s; a = m - hi; b = m - lo; }
			u64 c = b >= m ? binom64(n - 1, size) : without1(&T, size, b, w[i]);
			if (a > 0) c -= without1(&T, size, a - 1, w[i]);
			sw += c;
			sv += (double)c * coef[s];
			check += c * (u64)(s + 1);
		}
		swings[i] = sw;
		ss[i] = sv;
	}
	winning = 0;
	for (int s = 0; s <= n; s++) {
		if (comp) winning += at1(&T, n - s, total - q);
		else winning += binom64(n, s) - at1(&T, s, q - 1);
	}

	/* Minimal winning coalitions (mwcDP). */
	tclear(&M);
	for (int64_t k = 0; k <= M.end[0]; k++) M.row[0][k] = 1;
	memset(mcnt, 0, sizeof mcnt);
	mwctotal = 0;
	for (int p = 0; p < n; p++) {
		int mm = order[p];
		int64_t wm = w[mm];
		if (wm == 0) break;
		int top = p < n ? p : n;
		for (int s = 0; s <= top; s++) {
			u64 a = at1(&M, s, q - 1) - (q - 1 - wm >= 0 ? at1(&M, s, q - 1 - wm) : 0);
			mcnt[mm][s + 1] += a;
			mwctotal += a;
		}
		for (int c0 = 0; c0 < p;) {
			int c1 = c0;
			while (c1 < p && w[order[c1]] == w[order[c0]]) c1++;
			int64_t wi = w[order[c0]];
			for (int s = 1; s <= p && s <= n + 1; s++) {
				int64_t hi = q - 1 - wi, lo = q - 1 - wi - wm;
				u64 a = (hi >= 0 ? without1(&M, s - 1, hi, wi) : 0) - (lo >= 0 ? without1(&M, s - 1, lo, wi) : 0);
				for (int x = c0; x < c1; x++) mcnt[order[x]][s + 1] += a;
			}
			c0 = c1;
		}
		for (int s = p + 1 < n ? p + 1 : n; s >= 1; s--) addshift(&M, &M, s, wm, 0);
	}
	for (int i = 0; i < n; i++) {
		u64 h = 0;
		double r = 0;
		for (int s = 1; s <= n; s++) { h += mcnt[i][s]; r += (double)mcnt[i][s] / s; check += mcnt[i][s] * (u64)s; }
		holler[i] = (double)h;
		dpsum[i] = r;
	}

	/* Johnston (johnstonDP). */
	int64_t dj = q - 1;
	int64_t levels[MAXN];
	int nl = 0;
	for (int x = 0; x < n; x++) {
		int i = order[x];
		if (w[i] > 0 && (nl == 0 || levels[nl - 1] != w[i])) levels[nl++] = w[i];
	}
	tclear(&P);
	P.row[0][0] = 1;
	int64_t qlen = (total < dj ? total : dj) + 1;
	memset(Q, 0, qlen * 8);
	Q[0] = 1;
	{ /* the unsized polynomial of every player, in the given order */
		int64_t reach = 0;
		for (int j = 0; j < n; j++) {
			int64_t top = reach + w[j] < qlen - 1 ? reach + w[j] : qlen - 1;
			for (int64_t k = top; k >= w[j]; k--) Q[k] += Q[k - w[j]];
			reach = top;
		}
	}
	memset(jcnt, 0, sizeof jcnt);
	int64_t rlen = q + levels[0];
	int next = 0;
	for (int r = 0; r < nl; r++) {
		int64_t v = levels[r], vNext = r + 1 < nl ? levels[r + 1] : 0;
		while (next < n && w[order[next]] == v) {
			int j = order[next];
			for (int s = next + 1 < n ? next + 1 : n; s >= 1; s--) addshift(&P, &P, s, w[j], 0);
			for (int64_t k = w[j]; k < qlen; k++) Q[k] -= Q[k - w[j]];
			next++;
		}
		memcpy(gq, Q, qlen * 8);
		for (int64_t k = 1; k < qlen; k++) gq[k] += gq[k - 1];
		memset(R, 0, rlen * 8);
		for (int64_t x = v; x < q + v; x++) {
			int64_t k = q + v - 1 - x;
			if (k >= 0) R[x] += gq[k];
			k = q + vNext - 1 - x;
			if (k >= 0) R[x] -= gq[k];
		}
		for (int c0 = 0; c0 < next;) {
			int c1 = c0;
			while (c1 < next && w[order[c1]] == w[order[c0]]) c1++;
			int64_t wi = w[order[c0]];
			/* Pm = P / (1 + y x^wi) */
			for (int s = 0; s <= n; s++)
				if (P.row[s]) memcpy(Pm.row[s], P.row[s], (P.end[s] - P.lo[s] + 1) * 8);
			for (int s = 1; s <= n; s++) addshift(&Pm, &Pm, s, wi, 1);
			for (int c = 1; c <= next; c++) {
				int s = c - 1;
				if (!Pm.row[s]) continue;
				int64_t a = Pm.lo[s], b = Pm.end[s];
				if (b > rlen - 1 - wi) b = rlen - 1 - wi;
				u64 acc = 0;
				const u64 *pr = Pm.row[s] - Pm.lo[s];
				for (int64_t k = a; k <= b; k++) acc += pr[k] * R[k + wi];
				for (int x = c0; x < c1; x++) jcnt[order[x]][c] += acc;
			}
			c0 = c1;
		}
	}
	for (int i = 0; i < n; i++) {
		double r = 0;
		for (int c = 1; c <= n; c++) { r += (double)jcnt[i][c] / c; check += jcnt[i][c] * (u64)c; }
		john[i] = r;
	}
}

static void normalize(double *x) {
	double sum = 0;
	for (int i = 0; i < n; i++) sum += x[i];
	for (int i = 0; i < n; i++) x[i] = sum > 0 ? x[i] / sum : 0;
}

int main(int argc, char **argv) {
	if (argc < 4) { fprintf(stderr, "usage: all FILE QUOTA REPS [print]\n"); return 2; }
	readcsv(argv[1]);
	int pct = atoi(argv[2]), reps = atoi(argv[3]);
	int print = argc > 4 && strcmp(argv[4], "print") == 0;
	q = pct == 50 ? total / 2 + 1 : (total * pct + 99) / 100;
	memcpy(sorted, w, sizeof w);
	qsort(sorted, n, sizeof sorted[0], cmpasc);
	for (int s = 1; s <= n; s++) { szlo[s] = szlo[s - 1] + sorted[s - 1]; szhi[s] = szhi[s - 1] + sorted[n - s]; }
	for (int i = 0; i < n; i++) order[i] = i;
	qsort(order, n, sizeof order[0], cmpdesc);
	int64_t dDirect = q - 1, dComp = total - q;
	tnew(&T, n + 1, szlo, szhi, dComp < dDirect ? dComp : dDirect);
	int64_t hiD[MAXN + 1];
	for (int s = 0; s <= n; s++) hiD[s] = q - 1;
	tnew(&M, n + 1, szlo, hiD, q - 1);
	tnew(&P, n + 1, szlo, szhi, q - 1);
	tnew(&Pm, n + 1, szlo, szhi, q - 1);
	Q = calloc(q + 1, 8);
	gq = calloc(q + 1, 8);
	R = calloc(q + sorted[n - 1] + 1, 8);
	double best = 1e30, sum = 0;
	u64 check1 = 0;
	double bh[MAXN], bp[MAXN], bs[MAXN], bd[MAXN], bho[MAXN], bj[MAXN], prev[MAXN], init[MAXN], coll = 0;
	double c0 = cpu();
	for (int rep = 0; rep < reps; rep++) {
		double t0 = now();
		check = 0;
		run();
		/* Indices from the counts. */
		u64 all = n < 64 ? (u64)1 << n : 0;
		for (int i = 0; i < n; i++) {
			bh[i] = (double)swings[i];
			bp[i] = (double)swings[i] / (double)(all / 2);
			bs[i] = ss[i];
			bd[i] = mwctotal ? dpsum[i] / (double)mwctotal : 0;
			bho[i] = holler[i];
			bj[i] = john[i];
			prev[i] = winning ? (double)swings[i] / (double)winning : 0;
			init[i] = all - winning ? (double)swings[i] / (double)(all - winning) : 0;
		}
		coll = (double)winning / (double)all;
		normalize(bh);
		normalize(bho);
		normalize(bj);
		double t = now() - t0;
		if (t < best) best = t;
		sum += t;
		check1 = check;
	}
	double cpumean = (cpu() - c0) / reps;
	printf("n=%d quota=%lld indices=all seconds=%.6f mean=%.6f cpu=%.6f checksum=%llu winning=%llu mwc=%llu\n", n, (long long)q, best, sum / reps, cpumean,
	       (unsigned long long)check1, (unsigned long long)winning, (unsigned long long)mwctotal);
	if (print) {
		printf("name,banzhaf,penrose,shapley_shubik,deegan_packel,holler,johnston,prevent,initiate\n");
		for (int i = 0; i < n; i++)
			printf("%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", names[i], bh[i], bp[i], bs[i], bd[i], bho[i], bj[i], prev[i], init[i]);
		printf("# collectivity %.17g\n", coll);
	}
	return 0;
}
