/**
 * Services → Statuspage components. A service `group` becomes a group component whose status is
 * the worst of its members (via worstLevel, the one rollup).
 */
import { worstLevel, levelColor } from '../levels';
import type { Snapshot } from '../snapshot/schema';
import { parseIso, zonedEpoch, toZonedIso } from '../time/zone';
import { type ApiContext, text, xLevel } from './context';
import { shownService } from './freshness';
import { LEVEL_LABELS, allLanguages } from './labels';
import { componentStatus } from './mapping';
import type { SpComponent } from './types';

type Service = Snapshot['services'][number];

/** Component id of a service group. */
export function groupId(group: string): string {
  return `group-${group.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** First day of the service's history window (YYYY-MM-DD), or null. */
function startDate(service: Service): string | null {
  return service.uptime_days[0]?.date ?? null;
}

/** One service as a component. `position` is 1-based. */
export function spComponent(ctx: ApiContext, service: Service, position: number): SpComponent {
  const shown = shownService(ctx.snapshot, service, ctx.now);
  const start = startDate(service);
  const tz = ctx.snapshot.site.time_zone;
  const description = text(ctx, service.description);
  return {
    id: service.id,
    name: text(ctx, service.name),
    status: componentStatus(shown.level),
    // The snapshot has no creation time: the start of the history window stands in for it.
    created_at: start === null ? ctx.snapshot.generated_at : toZonedIso(zonedEpoch(start, 0, 0, tz), tz),
    // Last status change: when the current level began.
    updated_at: service.since ?? ctx.snapshot.generated_at,
    position,
    description: description === '' ? null : description,
    showcase: true,
    start_date: start,
    group_id: service.group === null ? null : groupId(service.group),
    page_id: ctx.pageId,
    group: false,
    only_show_if_degraded: false,
    x_fluxstatus: { ...xLevel(ctx, shown), since: service.since, data_until: service.data_until, short_name: service.short_name ?? text(ctx, service.name) },
  };
}

/** All components: services in snapshot order, each group component before its first member. */
export function spComponents(ctx: ApiContext): SpComponent[] {
  const out: SpComponent[] = [];
  const seenGroups = new Set<string>();
  let position = 1;
  for (const service of ctx.snapshot.services) {
    if (service.group !== null && !seenGroups.has(service.group)) {
      seenGroups.add(service.group);
      out.push(groupComponent(ctx, service.group, position++));
    }
    out.push(spComponent(ctx, service, position++));
  }
  return out;
}

function groupComponent(ctx: ApiContext, group: string, position: number): SpComponent {
  const members = ctx.snapshot.services.filter((s) => s.group === group);
  const level = worstLevel(members.map((s) => shownService(ctx.snapshot, s, ctx.now).level));
  const first = members.map((s) => spComponent(ctx, s, position));
  const byTime = (a: string, b: string) => parseIso(a) - parseIso(b);
  const created = first.map((c) => c.created_at).sort(byTime)[0] ?? ctx.snapshot.generated_at;
  const updated = first.map((c) => c.updated_at).sort(byTime).at(-1) ?? ctx.snapshot.generated_at;
  return {
    id: groupId(group),
    name: group,
    status: componentStatus(level),
    created_at: created,
    updated_at: updated,
    position,
    description: null,
    showcase: false,
    start_date: null,
    group_id: null,
    page_id: ctx.pageId,
    group: true,
    only_show_if_degraded: false,
    components: members.map((s) => s.id),
    x_fluxstatus: {
      level,
      color: levelColor(level),
      score: null,
      label: allLanguages(LEVEL_LABELS[level], ctx.snapshot.site.languages),
      reason: null,
      short_name: group,
      since: null,
      data_until: null,
    },
  };
}
