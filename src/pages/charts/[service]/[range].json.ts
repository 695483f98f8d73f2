/** Chart data of one range of a service (see src/lib/view/chart-data.ts); read by src/client/charts.ts. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { typed } from '../../../lib/api/response';
import type { ServiceSnapshot } from '../../../lib/snapshot/schema';
import { chartDataFile } from '../../../lib/view/chart-data';
import type { ChartRangeName } from '../../../lib/view/urls';
import { getSiteData } from '../../../site/data';

export const prerender = true;

const RANGES: ChartRangeName[] = ['day', 'week', 'quarter'];

export const getStaticPaths = (() =>
  getSiteData().services.flatMap((service) =>
    RANGES.map((range) => ({ params: { service: service.id, range }, props: { service, range } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ service: ServiceSnapshot; range: ChartRangeName }> = ({ props }) =>
  typed(JSON.stringify(chartDataFile(props.service.charts[props.range])), 'application/json; charset=utf-8');
