/** Words of the embed demo page (/<lang>/embed/) and the iframe page, per language. */
import type { Language } from '../snapshot/schema';
import { siteBase } from '../api/urls';

export interface EmbedTexts {
  title: string;
  intro: string;
  badgeHeading: string;
  badgeHelp: string;
  scriptHeading: string;
  scriptHelp: string;
  iframeHeading: string;
  iframeHelp: string;
  preview: string;
  code: string;
  /** The copy button of a code block, and what it says once done. */
  copy: string;
  copied: string;
  iframeTitle: string;
}

export const EMBED_TEXTS: Record<Language, EmbedTexts> = {
  nl: {
    title: 'Status op uw eigen website',
    intro: 'Toon de actuele status van de diensten op uw website. Kies een van de drie vormen en kopieer de code.',
    badgeHeading: 'Badge (zonder JavaScript)',
    badgeHelp: 'Een afbeelding (SVG) met een link naar deze statuspagina, zonder JavaScript: voor websites en intranetten. De meeste e-mailprogramma’s tonen geen SVG; zet in e-mail een gewone link.',
    scriptHeading: 'Statusknop (script)',
    scriptHelp: 'Ververst elke minuut, noemt de site (en de dienst met service="…"), volgt de taal van uw pagina en wordt grijs als de gegevens verouderd zijn. Is het script of de statusserver onbereikbaar, dan blijft de gewone link met de badge staan.',
    iframeHeading: 'Statusknop (iframe)',
    iframeHelp: 'Dezelfde knop in een iframe, als uw website geen externe scripts toelaat. Een iframe kan geen vervangende inhoud tonen als de statusserver onbereikbaar is: kies liefst de badge of de statusknop.',
    preview: 'Voorbeeld',
    code: 'Code',
    copy: 'Kopiëren',
    copied: 'Gekopieerd',
    iframeTitle: 'Status van de diensten',
  },
  fr: {
    title: 'Le statut sur votre propre site',
    intro: 'Affichez l’état actuel des services sur votre site. Choisissez une des trois formes et copiez le code.',
    badgeHeading: 'Badge (sans JavaScript)',
    badgeHelp: 'Une image (SVG) avec un lien vers cette page de statut, sans JavaScript : pour les sites et les intranets. La plupart des messageries n’affichent pas le SVG ; dans un e-mail, mettez un simple lien.',
    scriptHeading: 'Bouton de statut (script)',
    scriptHelp: 'Se met à jour chaque minute, nomme le site (et le service avec service="…"), suit la langue de votre page et devient gris si les données sont périmées. Si le script ou le serveur de statut est injoignable, le simple lien avec le badge reste affiché.',
    iframeHeading: 'Bouton de statut (iframe)',
    iframeHelp: 'Le même bouton dans une iframe, si votre site n’accepte pas de scripts externes. Une iframe ne peut rien afficher d’autre si le serveur de statut est injoignable : préférez le badge ou le bouton.',
    preview: 'Aperçu',
    code: 'Code',
    copy: 'Copier',
    copied: 'Copié',
    iframeTitle: 'État des services',
  },
  de: {
    title: 'Status auf Ihrer eigenen Website',
    intro: 'Zeigen Sie den aktuellen Status der Dienste auf Ihrer Website. Wählen Sie eine der drei Formen und kopieren Sie den Code.',
    badgeHeading: 'Badge (ohne JavaScript)',
    badgeHelp: 'Ein Bild (SVG) mit einem Link zu dieser Statusseite, ohne JavaScript: für Websites und Intranets. Die meisten E-Mail-Programme zeigen kein SVG; verwenden Sie in E-Mails einen einfachen Link.',
    scriptHeading: 'Status-Button (Skript)',
    scriptHelp: 'Aktualisiert sich jede Minute, nennt die Website (und mit service="…" den Dienst), folgt der Sprache Ihrer Seite und wird grau, wenn die Daten veraltet sind. Ist das Skript oder der Statusserver nicht erreichbar, bleibt der einfache Link mit dem Badge stehen.',
    iframeHeading: 'Status-Button (iframe)',
    iframeHelp: 'Derselbe Button in einem iframe, falls Ihre Website keine externen Skripte erlaubt. Ein iframe kann nichts anderes zeigen, wenn der Statusserver nicht erreichbar ist: nehmen Sie lieber das Badge oder den Button.',
    preview: 'Vorschau',
    code: 'Code',
    copy: 'Kopieren',
    copied: 'Kopiert',
    iframeTitle: 'Status der Dienste',
  },
  en: {
    title: 'Status on your own website',
    intro: 'Show the current status of the services on your website. Pick one of the three forms and copy the code.',
    badgeHeading: 'Badge (no JavaScript)',
    badgeHelp: 'An image (SVG) linking to this status page, without JavaScript: for websites and intranets. Most e-mail clients do not show SVG; in e-mail, use a plain link.',
    scriptHeading: 'Status button (script)',
    scriptHelp: 'Refreshes every minute, names the site (and the service with service="…"), follows the language of your page and turns grey when the data is out of date. When the script or the status host is unreachable, the plain link with the badge stays.',
    iframeHeading: 'Status button (iframe)',
    iframeHelp: 'The same button in an iframe, for websites that do not allow external scripts. An iframe cannot show anything else when the status host is unreachable: prefer the badge or the button.',
    preview: 'Preview',
    code: 'Code',
    copy: 'Copy',
    copied: 'Copied',
    iframeTitle: 'Service status',
  },
};

/** The copy-paste snippets for a site and language (text shown to people, escaped by the page). */
export function embedSnippets(siteUrl: string, lang: Language, siteTitle: string): { badge: string; script: string; iframe: string } {
  const base = siteBase(siteUrl);
  const alt = siteTitle.replace(/[&"<>]/g, '');
  // The script button's fallback: a plain link naming the site, with the badge (no alt: the words are
  // there already). It shows until the status is read, and for good when the script or the host fails.
  const fallback = `<a href="${base}/${lang}/">${alt} <img src="${base}/${lang}/badge.svg" alt="" height="20"></a>`;
  return {
    badge: `<a href="${base}/${lang}/"><img src="${base}/${lang}/badge.svg" alt="${alt}" height="20"></a>`,
    script: `<script src="${base}/embed.js" defer></script>\n<fluxstatus-button lang="${lang}">${fallback}</fluxstatus-button>`,
    iframe: `<iframe src="${base}/${lang}/status-button/" title="${EMBED_TEXTS[lang].iframeTitle}" width="280" height="44" style="border:0" loading="lazy"></iframe>`,
  };
}
