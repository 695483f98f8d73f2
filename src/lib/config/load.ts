/**
 * Parses and validates data/status.yaml: YAML → ConfigSchema → cross-reference checks.
 * Every problem is one line naming the file, line:column, key path, problem and fix.
 * Pure: the script scripts/lib/load-config.ts reads the file.
 */
import { ConfigSchema, type Config } from './schema';
import { ruleProblems, type Rules } from './rules';
import { errorLine, parseYaml, friendlyIssues, type ParsedYaml, type PathSegment } from './friendly-errors';

/** A valid config, with `locate` to point later messages (a `ds:` not in its file) at the key's line. */
export type ConfigResult = { ok: true; config: Config; locate: ParsedYaml['locate'] } | { ok: false; errors: string[] };

/** Parses the text of data/status.yaml (`file` names it in messages). */
export function parseConfig(text: string, file: string): ConfigResult {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const { yaml } = parsed;
  if (yaml.value === null || yaml.value === undefined) {
    return { ok: false, errors: [`${file}:1:1: (top level): the file is empty — start it with a "site:" and a "services:" section (see docs/configuration.md).`] };
  }
  const result = ConfigSchema.safeParse(yaml.value);
  if (!result.success) return { ok: false, errors: friendlyIssues(result.error.issues, file, yaml, ConfigSchema) };
  const errors = [...crossCheck(result.data), ...rulesProblems(result.data, yaml.value)].map((p) => errorLine(file, yaml.locate(p.path, p.asKey ?? false), p.path, p.message));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: result.data, locate: yaml.locate };
}

interface Problem {
  path: PathSegment[];
  message: string;
  asKey?: boolean;
}

/** True when `zone` is an IANA zone this runtime knows. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Windows that end before they start (a window cannot cross midnight). */
function scheduleProblems(schedule: Config['site']['schedule'], at: PathSegment[]): Problem[] {
  return schedule.flatMap((w, i) => (w.from >= w.to ? [{ path: [...at, i, 'to'], message: `"to" (${w.to}) must be later than "from" (${w.from}) — a window cannot cross midnight; split it in two: from "${w.from}" to "24:00", and from "00:00" to "${w.to}" on the next days.` }] : []));
}

/** Checks what one schema cannot see alone: uniqueness, references between keys, required roles. */
export function crossCheck(config: Config): Problem[] {
  const problems: Problem[] = [];
  const { site } = config;
  const langs = site.languages;
  const seenLang = new Set<string>();
  langs.forEach((l, i) => {
    if (seenLang.has(l)) problems.push({ path: ['site', 'languages', i], message: `language "${l}" is listed twice — remove the duplicate.` });
    seenLang.add(l);
  });
  const defaultKnown = langs.includes(site.default_language);
  if (!defaultKnown) {
    problems.push({ path: ['site', 'default_language'], message: `"${site.default_language}" is not in site.languages (${langs.join(', ')}) — add it there or pick one of them.` });
  }
  if (!isTimeZone(site.time_zone)) {
    problems.push({ path: ['site', 'time_zone'], message: `"${site.time_zone}" is not a known IANA time zone — use a name such as "Europe/Brussels".` });
  }
  if (defaultKnown && site.title[site.default_language] === undefined) {
    problems.push({ path: ['site', 'title'], message: `no text for the default language "${site.default_language}" — add "${site.default_language}: …".` });
  }
  problems.push(...scheduleProblems(site.schedule, ['site', 'schedule']));

  const ids = new Map<string, number>();
  config.services.forEach((service, i) => {
    const first = ids.get(service.id);
    if (first !== undefined) {
      problems.push({ path: ['services', i, 'id'], message: `duplicate service id "${service.id}" (also services[${first}]) — give every service its own id.` });
    } else ids.set(service.id, i);
    if (defaultKnown && service.name[site.default_language] === undefined) {
      problems.push({ path: ['services', i, 'name'], message: `no name for the default language "${site.default_language}" — add "${site.default_language}: …".` });
    }
    if (service.schedule !== undefined) problems.push(...scheduleProblems(service.schedule, ['services', i, 'schedule']));
    const keys = new Map<string, number>();
    service.metrics.forEach((metric, j) => {
      const durationUnit = metric.unit === 'ms' || metric.unit === 'seconds';
      if (metric.role === 'latency' && !durationUnit) {
        const was = metric.unit === 'per_second' ? '"per_second" (the default when unit: is left out)' : `"${metric.unit}"`;
        problems.push({ path: ['services', i, 'metrics', j, 'unit'], message: `a latency is a duration, but its unit is ${was} — set unit: ms, or unit: seconds when the collector stores seconds (collectd).` });
      } else if (durationUnit && (metric.role === 'traffic' || metric.role === 'errors' || metric.role === 'backlog')) {
        const fits = metric.role === 'backlog' ? 'count' : 'per_second (COUNTER/DERIVE) or per_minute';
        problems.push({ path: ['services', i, 'metrics', j, 'unit'], message: `"${metric.unit}" is a duration, but role ${metric.role} counts ${metric.role === 'backlog' ? 'messages' : 'calls'} — set unit: ${fits}, or role: latency if this is a response time.` });
      }
      const firstKey = keys.get(metric.key);
      if (firstKey !== undefined) {
        problems.push({ path: ['services', i, 'metrics', j, 'key'], message: `duplicate metric key "${metric.key}" in service "${service.id}" (also metrics[${firstKey}]) — give every metric of a service its own key.` });
      } else keys.set(metric.key, j);
      const globs = typeof metric.files === 'string' ? [metric.files] : metric.files;
      globs.forEach((g, k) => {
        const path: PathSegment[] = typeof metric.files === 'string' ? ['services', i, 'metrics', j, 'files'] : ['services', i, 'metrics', j, 'files', k];
        if (g.startsWith('/') || g.split('/').includes('..')) {
          problems.push({ path, message: `"${g}" leaves the data directory — write the glob relative to it, e.g. "rrd/${service.id}/calls.rrd".` });
        }
      });
    });
    if (!service.metrics.some((m) => m.role === 'traffic' || m.role === 'freshness')) {
      problems.push({ path: ['services', i, 'metrics'], message: `service "${service.id}" has no metric with role "traffic" or "freshness" — add one, otherwise a silent service could never turn grey or red.` });
    }
  });
  return problems;
}

/**
 * The rules checked as a whole (rules.ts ruleProblems): the global rules, then every service's
 * rules as they apply (global + its overrides); a problem points at the key the file sets.
 */
export function rulesProblems(config: Config, raw: unknown): Problem[] {
  const rawOf = (o: unknown, k: string): unknown => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
  const rawRules = rawOf(raw, 'rules');
  const setGlobally = (key: string): boolean => rawOf(rawRules, key) !== undefined;
  const problems: Problem[] = ruleProblems(config.rules, setGlobally).map((p) => ({ path: ['rules', p.key], message: p.message }));
  const globalKeys = new Set(problems.map((p) => p.path[1]));
  config.services.forEach((service, i) => {
    if (service.rules === undefined) return;
    const overrides = service.rules as Partial<Rules>;
    const merged = { ...config.rules, ...overrides } as Rules;
    for (const p of ruleProblems(merged, (key) => overrides[key] !== undefined)) {
      if (overrides[p.key] !== undefined) problems.push({ path: ['services', i, 'rules', p.key], message: p.message });
      else if (!globalKeys.has(p.key)) problems.push({ path: ['services', i, 'rules'], message: `with its overrides, rules.${p.key} = ${p.message}` });
    }
  });
  return problems;
}

export type { ParsedYaml };
