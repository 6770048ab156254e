/* SVG charts: plain SVG 1.1 with axes, tick labels and a legend, so the
 * file opens in any browser. Log scales use decade ticks; the data of
 * growth charts spans several orders of magnitude. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "cli/out/out.h"

#define W 900.0
#define H 560.0
#define ML 90.0
#define MR 220.0
#define MT 50.0
#define MB 70.0

static const char *palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
				"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

typedef struct axis {
	double lo, hi;
	int log;
} axis;

static double map(const axis *a, double v, double from, double to)
{
	double lo = a->log ? log10(a->lo) : a->lo, hi = a->log ? log10(a->hi) : a->hi;
	double x = a->log ? log10(v > 0 ? v : a->lo) : v;
	if (hi == lo)
		return (from + to) / 2;
	return from + (x - lo) / (hi - lo) * (to - from);
}

static void xml_text(out_sink *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			sink_puts(f, "&lt;");
		else if (*s == '>')
			sink_puts(f, "&gt;");
		else if (*s == '&')
			sink_puts(f, "&amp;");
		else if (*s == '"')
			sink_puts(f, "&quot;");
		else
			sink_putc(f, *s);
	}
}

static void ticks(out_sink *f, const axis *a, int horizontal)
{
	double lo = a->log ? floor(log10(a->lo)) : a->lo, hi = a->log ? ceil(log10(a->hi)) : a->hi;
	double step = a->log ? 1 : pow(10, floor(log10((hi - lo) > 0 ? (hi - lo) : 1)));
	for (double t = lo; t <= hi + 1e-9; t += step) {
		double v = a->log ? pow(10, t) : t;
		if (v < a->lo * 0.999 || v > a->hi * 1.001)
			continue;
		double p = horizontal ? map(a, v, ML, W - MR) : map(a, v, H - MB, MT);
		char label[32];
		snprintf(label, sizeof label, "%.0f", v);
		if (horizontal)
			sink_printf(
			    f,
			    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">%s</text>\n",
			    p, MT, p, H - MB, p, H - MB + 18, label);
		else
			sink_printf(
			    f,
			    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
			    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%s</text>\n",
			    ML, p, W - MR, p, ML - 6, p + 4, label);
	}
}

/* The axes' ranges over every series; a log axis leaves out values <= 0. */
static void bounds(const svg_series *s, size_t ns, int logx, int logy, axis *pax, axis *pay)
{
	axis ax = {INFINITY, -INFINITY, logx}, ay = {INFINITY, -INFINITY, logy};
	for (size_t i = 0; i < ns; i++)
		for (size_t k = 0; k < s[i].n; k++) {
			if (!(logx && s[i].x[k] <= 0)) {
				ax.lo = fmin(ax.lo, s[i].x[k]);
				ax.hi = fmax(ax.hi, s[i].x[k]);
			}
			if (!(logy && s[i].y[k] <= 0)) {
				ay.lo = fmin(ay.lo, s[i].y[k]);
				ay.hi = fmax(ay.hi, s[i].y[k]);
			}
		}
	if (!isfinite(ax.lo))
		ax = (axis){1, 10, logx};
	if (!isfinite(ay.lo))
		ay = (axis){1, 10, logy};
	if (!logy)
		ay.lo = fmin(ay.lo, 0);
	*pax = ax;
	*pay = ay;
}

/* Each series as a polyline, with its legend entry. */
static void series(out_sink *f, const axis *ax, const axis *ay, const svg_series *s, size_t ns)
{
	for (size_t i = 0; i < ns; i++) {
		const char *color = palette[i % (sizeof palette / sizeof palette[0])];
		sink_printf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" points=\"", color);
		for (size_t k = 0; k < s[i].n; k++) {
			double px = map(ax, s[i].x[k], ML, W - MR), py = map(ay, s[i].y[k], H - MB, MT);
			if (s[i].step && k > 0)
				sink_printf(f, "%.1f,%.1f ", px, map(ay, s[i].y[k - 1], H - MB, MT));
			sink_printf(f, "%.1f,%.1f ", px, py);
		}
		sink_puts(f, "\"/>\n");
		double ly = MT + 18 + 20.0 * (double)i;
		sink_printf(
		    f,
		    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">",
		    W - MR + 12, ly, W - MR + 36, ly, color, W - MR + 42, ly + 4);
		xml_text(f, s[i].name);
		sink_puts(f, "</text>\n");
	}
}

void svg_write(out_sink *f, const char *title, const char *xlabel, const char *ylabel, const svg_series *s,
	       size_t ns, int logx, int logy)
{
	axis ax, ay;
	bounds(s, ns, logx, logy, &ax, &ay);
	sink_printf(
	    f,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f "
	    "%.0f\" "
	    "font-family=\"sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
	    W, H, W, H);
	sink_printf(f, "<text x=\"%.1f\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">",
		    (ML + W - MR) / 2);
	xml_text(f, title);
	sink_puts(f, "</text>\n");
	ticks(f, &ax, 1);
	ticks(f, &ay, 0);
	sink_printf(
	    f,
	    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"black\"/>\n",
	    ML, MT, W - MR - ML, H - MB - MT);
	sink_printf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\">",
		    (ML + W - MR) / 2, H - 20);
	xml_text(f, xlabel);
	sink_printf(f,
		    "%s</text>\n<text transform=\"translate(22,%.1f) rotate(-90)\" font-size=\"13\" "
		    "text-anchor=\"middle\">",
		    logx ? " (log scale)" : "", (MT + H - MB) / 2);
	xml_text(f, ylabel);
	sink_printf(f, "%s</text>\n", logy ? " (log scale)" : "");
	series(f, &ax, &ay, s, ns);
	sink_puts(f, "</svg>\n");
}

int svg_plot(const char *path, const char *title, const char *xlabel, const char *ylabel, const svg_series *s,
	     size_t ns, int logx, int logy)
{
	FILE *fp = fopen(path, "w");
	if (!fp) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return 0;
	}
	out_sink f;
	sink_file(&f, fp);
	svg_write(&f, title, xlabel, ylabel, s, ns, logx, logy);
	if (fclose(fp) != 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return 0;
	}
	return 1;
}
