/**
 * The shape of a UI dictionary. Every language implements all of it: a missing key is a type error.
 * Operator texts (service names, reasons, incident bodies) are not here: they come from the snapshot.
 */
import type { Level } from '../lib/levels';
import type { Incident } from '../lib/snapshot/schema';
import type { KnownUnit } from '../lib/view/units';

export interface Dict {
  /** Name of the language in itself, for the language switch. */
  languageName: string;
  /** Level in one or two words (next to its icon). */
  level: Record<Level, string>;
  /** Overall banner sentence per worst level. */
  overall: Record<Level, string>;
  incidentStatus: Record<Incident['status'], string>;
  impact: Record<Incident['impact'], string>;
  maintenanceStatus: Record<'scheduled' | 'in_progress' | 'completed', string>;
  nav: {
    overview: string;
    incidents: string;
    maintenance: string;
    about: string;
    main: string;
    skip: string;
    language: string;
    /** Footer link to /<lang>/embed/. */
    embed: string;
  };
  /** Title of the <link rel="alternate"> feeds (the format is appended: "(RSS)"). */
  feedTitle: string;
  /**
   * Display units of chart lines, by the raw unit string of the snapshot ("calls/min", "%", …).
   * Units not listed here are shown as they come (see src/lib/view/units.ts).
   */
  units: Record<KnownUnit, string>;
  /** The 404 page (every site language is shown on it). */
  notFound: { title: string; body: string; overview: string };
  updated: string;
  dataUntil: string;
  since: string;
  /** A time less than a minute from now (relative times). */
  justNow: string;
  noDataYet: string;
  stale: { title: string; body: string; lastKnown: string };
  replay: (when: string) => string;
  notTranslated: string;
  services: string;
  uptime: {
    heading: string;
    summary: (percent: string, badDays: number, unknownDays: number) => string;
    dayLabel: (date: string, level: string, percent: string) => string;
    unknownDay: string;
    daysWithProblems: string;
    allGood: string;
    incidentsThatDay: (n: number) => string;
    olderNewer: [string, string];
  };
  incident: {
    ongoing: string;
    noneOngoing: string;
    latestUpdate: string;
    stillWorks: string;
    workaround: string;
    nextUpdate: string;
    noNextUpdate: string;
    affected: string;
    impact: string;
    started: string;
    resolved: string;
    duration: string;
    stillOngoing: string;
    /** The resolution line of a detected incident: "Opgelost — werkt weer normaal sinds 15:42". */
    resolvedSince: (time: string) => string;
    timeline: string;
    reasons: string;
    detected: string;
    detectedNote: string;
    details: string;
    status: string;
  };
  history: {
    title: string;
    intro: string;
    filter: string;
    all: string;
    none: string;
    page: (n: number, of: number) => string;
    previous: string;
    next: string;
  };
  maintenance: { title: string; upcoming: string; inProgress: string; past: string; none: string; window: string };
  service: {
    current: string;
    charts: string;
    ranges: { day: string; week: string; quarter: string };
    expected: string;
    chartSummary: (label: string, latest: string, min: string, max: string) => string;
    expectedSummary: (lower: string, upper: string) => string;
    table: string;
    time: string;
    value: string;
    noValues: string;
    incidents: string;
    back: string;
  };
  about: {
    title: string;
    levelsHeading: string;
    levelMeaning: Record<Level, string>;
    howHeading: string;
    how: (r: { stale: string; enter: number; leave: number; errDeg: string; errOut: string; drop: string; lat: number; guards?: { latency: number; errors: number; traffic: number } }) => string[];
    freshHeading: string;
    fresh: (generated: string, dataUntil: string, validUntil: string) => string;
    a11yHeading: string;
    a11y: string[];
  };
  root: { title: string; choose: string };
  /** The overview's first screen: which services are affected, which work normally. */
  overview: {
    /** Heading (for screen readers) of the one-line-per-service list. */
    statusHeading: string;
    /** "Getroffen: RaOTD en AssurPharma." (names already joined in the page language). */
    affected: (names: string) => string;
    /** "GFD werkt normaal." / "De andere diensten werken normaal: GFD en X." */
    normal: (names: string, count: number) => string;
  };
  /** The visible "Subscribe" links (feeds and calendar of the page language). */
  subscribe: { heading: string; rss: string; atom: string; json: string; calendar: string };
  /** The synthesis chart: the health score (0–100) over time with the level bands behind it. */
  score: {
    heading: string;
    /** Name of the whole-platform line (the worst service per moment). */
    platform: string;
    /** Axis/table name of the value. */
    value: string;
    summary: (label: string, latest: string, min: string) => string;
    /** Text of the incident markers (legend). */
    incidents: string;
    /** The bands behind the line, e.g. "90–100: werkt normaal". */
    bandsCaption: string;
    noScore: string;
  };
  duration: { day: string; hour: string; minute: string };
}
