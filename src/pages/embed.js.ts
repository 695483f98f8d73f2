/**
 * /embed.js: the <fluxstatus-button> script for operators' homepages, bundled at build time from
 * src/lib/embed (TypeScript → one small IIFE). The wall clock is wired in here, not in src/lib.
 */
import type { APIRoute } from 'astro';
import { bundleEmbedScript } from '../lib/embed/bundle';
import element from '../lib/embed/element.ts?raw';
import state from '../lib/embed/state.ts?raw';
import { typed } from '../lib/api/response';

export const prerender = true;

/** Registers the element with the script's own URL as the default site, and the real clock. */
const entry = `
import { defineStatusButton } from './element';
const script = document.currentScript;
defineStatusButton(script instanceof HTMLScriptElement ? script.src : undefined, () => Date.now());
`;

export const GET: APIRoute = async () => typed(await bundleEmbedScript({ entry, element, state }), 'text/javascript; charset=utf-8');
