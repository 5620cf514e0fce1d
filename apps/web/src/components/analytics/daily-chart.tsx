'use client'

import { useTheme } from 'next-themes'
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { DAILY_SERIES, type DailyPoint } from './figures'

// Loaded on its own (next/dynamic) so the chart library is not in the page's first load.
// Colours come from the theme's CSS variables, read again when the theme changes.
const css = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888'
const STROKES = ['--accent', '--ok', '--warn'] as const

export default function DailyChart({ points }: { points: DailyPoint[] }) {
  const box = useRef<HTMLDivElement>(null)
  const { resolvedTheme } = useTheme()

  useEffect(() => {
    const el = box.current
    if (!el) return
    // Midnight UTC of each day on a UTC axis: the label is the day whatever the viewer's zone.
    const xs = points.map((p) => Date.parse(`${p.date}T00:00:00Z`) / 1000)
    const data: uPlot.AlignedData = [xs, ...DAILY_SERIES.map((s) => points.map((p) => p[s.key]))]
    const axis = {
      stroke: css('--muted'),
      grid: { stroke: css('--border'), width: 1 },
      ticks: { stroke: css('--border'), width: 1 },
    }
    const chart = new uPlot(
      {
        width: el.clientWidth,
        height: 260,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'UTC'),
        scales: { x: { time: true } },
        axes: [
          {
            ...axis,
            // One label per day at most: the points are days, not hours.
            incrs: [86_400, 2 * 86_400, 7 * 86_400, 14 * 86_400, 28 * 86_400],
            values: (_u, splits) =>
              splits.map((s) => new Date(s * 1000).toISOString().slice(5, 10).replace('-', '/')),
          },
          { ...axis, size: 60 },
        ],
        legend: { live: true },
        series: [
          { label: 'Day' },
          ...DAILY_SERIES.map((s, i) => ({
            label: s.short,
            stroke: css(STROKES[i]!),
            width: 2,
            points: { show: points.length < 40 },
          })),
        ],
      },
      data,
      el,
    )
    const resize = new ResizeObserver(() => chart.setSize({ width: el.clientWidth, height: 260 }))
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.destroy()
    }
  }, [points, resolvedTheme])

  return <div ref={box} className="daily-chart w-full" aria-hidden="true" />
}
