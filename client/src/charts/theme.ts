/**
 * Colours of the dashboard's charts: Okabe–Ito hues (told apart with the common colour-vision deficiencies),
 * darkened so white labels on them reach WCAG AA contrast (4.5:1); axis and legend text in the body colour.
 */
export const CHART_COLORS = ['#005A8C', '#A34700', '#00704F', '#8E3A73'];
export const SEVERITY_COLORS: Record<string, string> = { critical: '#B42318', warning: '#7A5200' };

export const NIVO_THEME = {
  text: { fontSize: 12, fill: '#1a202c' },
  axis: {
    ticks: { text: { fontSize: 11, fill: '#2d3748' } },
    legend: { text: { fontSize: 12, fill: '#1a202c' } },
  },
  grid: { line: { stroke: '#e2e8f0' } },
  tooltip: { container: { fontSize: 12 } },
} as const;
