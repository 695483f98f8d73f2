/**
 * The shapes of Atlassian Statuspage's public API v2 (/api/v2/*.json), as fluxstatus emits them,
 * plus fluxstatus's own fields under `x_fluxstatus` (clients ignore unknown keys).
 * test/unit/api/statuspage-schema.ts checks the emitted files against an independent zod schema.
 */
import type { Level, LevelColor } from '../levels';
import type { Localized } from '../snapshot/schema';

export type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';
export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
export type MaintenanceStatus = 'scheduled' | 'in_progress' | 'verifying' | 'completed';
export type Impact = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

export interface SpPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface SpStatus {
  indicator: Indicator;
  description: string;
}

/** fluxstatus's own view of a level, beside the Statuspage value it was mapped to. */
export interface XLevel {
  level: Level;
  color: LevelColor;
  score: number | null;
  /** Short level name per site language. */
  label: Localized;
  /** Plain-words reason per site language; null when operational. */
  reason: Localized | null;
}

export interface XComponent extends XLevel {
  since: string | null;
  data_until: string | null;
  /** Short label for badges and the status button (config `short_name`), else the name in the file's language. */
  short_name: string;
}

/** Top-level fluxstatus fields of every API file. */
export interface XPage extends XLevel {
  generated_at: string;
  data_until: string | null;
  valid_until: string;
  digest: string;
  replay: boolean;
  /** True when this file was rendered after valid_until (live server): levels show as unknown. */
  expired: boolean;
  /** The language of Statuspage's text fields (names, descriptions, bodies). */
  language: string;
  /** "Status unknown — data delayed" per language, for clients that turn grey by themselves after valid_until. */
  stale_label: Localized;
  /** The site title per language (the status button names the site it reports on). */
  site_title: Localized;
}

export interface SpComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Only on group components: ids of the members. */
  components?: string[];
  x_fluxstatus?: XComponent;
}

export interface SpIncidentUpdate {
  id: string;
  status: IncidentStatus | MaintenanceStatus;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: null;
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
}

export interface SpIncident {
  id: string;
  name: string;
  status: IncidentStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: Impact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: SpIncidentUpdate[];
  components: SpComponent[];
  x_fluxstatus?: { source: 'detected' | 'written'; service_ids: string[] };
}

export interface SpMaintenance extends Omit<SpIncident, 'status' | 'x_fluxstatus'> {
  status: MaintenanceStatus;
  scheduled_for: string;
  scheduled_until: string;
}
