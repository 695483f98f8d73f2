/**
 * <fluxstatus-button>: the live status button for an operator's homepage. No dependencies, no
 * innerHTML: the shadow DOM is built with createElement/textContent. Reads status.json (or a
 * component of summary.json) cross-origin every minute; turns grey by itself after valid_until.
 *
 * Attributes: src (site URL; default: where the script came from), lang (default: closest [lang]),
 * service (optional component id), href (link target; default: the site's language home).
 * Fallback: the element's own content (the snippet's plain link with the site name and the badge)
 * stays visible, through a <slot>, until a status document has been read: when the script or the
 * status host fails, the visitor still sees the link, never nothing.
 * The clock is injected (`now`) so that this file stays free of wall-clock reads.
 */
import { baseLanguage, buttonState, buttonText, siteName, unknownState, type ButtonSource, type ButtonState } from './state';

const REFRESH_MS = 60_000;

const CSS = `
:host { display: inline-block; font: 500 14px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
[hidden] { display: none !important; }
a { display: inline-flex; align-items: center; gap: .45em; padding: .35em .7em; border-radius: 999px;
    border: 1px solid #d0d5dd; background: #fff; color: #1d2939; text-decoration: none; }
a:focus-visible { outline: 2px solid #175cd3; outline-offset: 2px; }
.dot { inline-size: .8em; block-size: .8em; border-radius: 50%; background: var(--c); flex: none; }
.icon { font-size: .85em; color: var(--c); }
[data-color=green] { --c: #12813b; } [data-color=orange] { --c: #b54708; } [data-color=red] { --c: #c01a1a; }
[data-color=grey] { --c: #667085; } [data-color=blue] { --c: #175cd3; }
[data-color=red] .dot, [data-color=orange] .dot { animation: pulse 2s ease-in-out infinite; }
@keyframes pulse { 50% { opacity: .45; } }
@media (prefers-reduced-motion: reduce) { .dot { animation: none !important; } }
@media (prefers-color-scheme: dark) {
  a { background: #1d2939; color: #f2f4f7; border-color: #475467; }
  [data-color=green] { --c: #47cd89; } [data-color=orange] { --c: #fdb022; } [data-color=red] { --c: #f97066; }
  [data-color=grey] { --c: #98a2b3; } [data-color=blue] { --c: #53b1fd; }
}`;

/** Registers <fluxstatus-button>; `scriptUrl` is where the script was loaded from (default site), `now` gives epoch ms. */
export function defineStatusButton(scriptUrl: string | undefined, now: () => number): void {
  if (customElements.get('fluxstatus-button') !== undefined) return;

  class FluxstatusButton extends HTMLElement {
    #data: ButtonSource | null = null;
    #timer: ReturnType<typeof setInterval> | undefined;
    #link = document.createElement('a');
    #dot = document.createElement('span');
    #icon = document.createElement('span');
    #text = document.createElement('span');
    #slot = document.createElement('slot');
    #site_name: string | undefined;
    #service_name: string | undefined;

    static get observedAttributes(): string[] {
      return ['src', 'lang', 'service', 'href'];
    }

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = CSS;
      this.#dot.className = 'dot';
      this.#icon.className = 'icon';
      this.#icon.setAttribute('aria-hidden', 'true');
      this.#text.className = 'text';
      this.#text.setAttribute('aria-live', 'polite');
      this.#link.part.add('button');
      this.#link.append(this.#dot, this.#icon, this.#text);
      root.append(style, this.#slot, this.#link);
    }

    connectedCallback(): void {
      this.#paint();
      void this.#refresh();
      this.#timer = setInterval(() => void this.#refresh(), REFRESH_MS);
    }

    disconnectedCallback(): void {
      if (this.#timer !== undefined) clearInterval(this.#timer);
    }

    attributeChangedCallback(): void {
      if (this.isConnected) void this.#refresh();
    }

    get #site(): string {
      const src = this.getAttribute('src') ?? scriptUrl ?? location.href;
      return new URL('/', new URL(src, location.href)).href;
    }

    get #lang(): string {
      return baseLanguage(this.getAttribute('lang') ?? this.closest('[lang]')?.getAttribute('lang') ?? navigator.language);
    }

    async #refresh(): Promise<void> {
      const service = this.getAttribute('service');
      const url = new URL(service === null ? 'api/v2/status.json' : 'api/v2/summary.json', this.#site);
      try {
        const response = await fetch(url, { mode: 'cors', credentials: 'omit', cache: 'no-cache' });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as ButtonSource & { components?: Array<{ id?: unknown; x_fluxstatus?: ButtonSource['x_fluxstatus'] }> };
        this.#site_name = siteName(body, this.#lang);
        if (service === null) this.#data = body;
        else {
          const component = body.components?.find((c) => c.id === service);
          const short = component?.x_fluxstatus?.short_name;
          this.#service_name = typeof short === 'string' ? short : undefined;
          // A component carries its own level; freshness is the page's.
          this.#data =
            component === undefined
              ? null
              : { x_fluxstatus: { ...component.x_fluxstatus, valid_until: body.x_fluxstatus?.valid_until, stale_label: body.x_fluxstatus?.stale_label } };
        }
      } catch {
        // Keep the last good data: it turns grey by itself once its valid_until passes.
      }
      this.#paint();
    }

    #paint(): void {
      const lang = this.#lang;
      // Nothing read yet (script just started, host unreachable): the snippet's own link shows.
      const fallback = this.#data === null && (this.textContent ?? '').trim() !== '';
      this.#slot.hidden = !fallback;
      this.#link.hidden = fallback;
      this.setAttribute('data-fallback', String(fallback));
      const state: ButtonState = this.#data === null ? unknownState(lang) : buttonState(this.#data, lang, now());
      this.#link.dataset['color'] = state.color;
      this.#link.dataset['stale'] = String(state.stale);
      this.#link.href = this.getAttribute('href') ?? new URL(`${lang}/`, this.#site).href;
      this.#link.target = '_top';
      this.#link.rel = 'noopener';
      this.#link.title = state.detail;
      this.#icon.textContent = state.icon;
      this.#text.textContent = buttonText(state, lang, this.#site_name, this.#service_name);
      this.setAttribute('data-color', state.color);
    }

    /** Re-evaluates staleness without fetching (the interval fetches; tests with a controlled clock call this). */
    repaint(): void {
      this.#paint();
    }
  }

  customElements.define('fluxstatus-button', FluxstatusButton);
}
