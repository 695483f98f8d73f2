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
  iframeTitle: string;
}

export const EMBED_TEXTS: Record<Language, EmbedTexts> = {
  nl: {
    title: 'Status op uw eigen website',
    intro: 'Toon de actuele status van de diensten op uw website. Kies een van de drie vormen en kopieer de code.',
    badgeHeading: 'Badge (zonder JavaScript)',
    badgeHelp: 'Een afbeelding met een link naar deze statuspagina. Werkt overal, ook in e-mail en op intranetten.',
    scriptHeading: 'Statusknop (script)',
    scriptHelp: 'Ververst elke minuut, volgt de taal van uw pagina en wordt grijs als de gegevens verouderd zijn.',
    iframeHeading: 'Statusknop (iframe)',
    iframeHelp: 'Dezelfde knop in een iframe, als uw website geen externe scripts toelaat.',
    preview: 'Voorbeeld',
    code: 'Code',
    iframeTitle: 'Status van de diensten',
  },
  fr: {
    title: 'Le statut sur votre propre site',
    intro: 'Affichez l’état actuel des services sur votre site. Choisissez une des trois formes et copiez le code.',
    badgeHeading: 'Badge (sans JavaScript)',
    badgeHelp: 'Une image avec un lien vers cette page de statut. Fonctionne partout, y compris dans les e-mails et les intranets.',
    scriptHeading: 'Bouton de statut (script)',
    scriptHelp: 'Se met à jour chaque minute, suit la langue de votre page et devient gris si les données sont périmées.',
    iframeHeading: 'Bouton de statut (iframe)',
    iframeHelp: 'Le même bouton dans une iframe, si votre site n’accepte pas de scripts externes.',
    preview: 'Aperçu',
    code: 'Code',
    iframeTitle: 'État des services',
  },
  de: {
    title: 'Status auf Ihrer eigenen Website',
    intro: 'Zeigen Sie den aktuellen Status der Dienste auf Ihrer Website. Wählen Sie eine der drei Formen und kopieren Sie den Code.',
    badgeHeading: 'Badge (ohne JavaScript)',
    badgeHelp: 'Ein Bild mit einem Link zu dieser Statusseite. Funktioniert überall, auch in E-Mails und Intranets.',
    scriptHeading: 'Status-Button (Skript)',
    scriptHelp: 'Aktualisiert sich jede Minute, folgt der Sprache Ihrer Seite und wird grau, wenn die Daten veraltet sind.',
    iframeHeading: 'Status-Button (iframe)',
    iframeHelp: 'Derselbe Button in einem iframe, falls Ihre Website keine externen Skripte erlaubt.',
    preview: 'Vorschau',
    code: 'Code',
    iframeTitle: 'Status der Dienste',
  },
  en: {
    title: 'Status on your own website',
    intro: 'Show the current status of the services on your website. Pick one of the three forms and copy the code.',
    badgeHeading: 'Badge (no JavaScript)',
    badgeHelp: 'An image linking to this status page. Works everywhere, including e-mail and intranets.',
    scriptHeading: 'Status button (script)',
    scriptHelp: 'Refreshes every minute, follows the language of your page and turns grey when the data is out of date.',
    iframeHeading: 'Status button (iframe)',
    iframeHelp: 'The same button in an iframe, for websites that do not allow external scripts.',
    preview: 'Preview',
    code: 'Code',
    iframeTitle: 'Service status',
  },
};

/** The copy-paste snippets for a site and language (text shown to people, escaped by the page). */
export function embedSnippets(siteUrl: string, lang: Language, siteTitle: string): { badge: string; script: string; iframe: string } {
  const base = siteBase(siteUrl);
  const alt = siteTitle.replace(/[&"<>]/g, '');
  return {
    badge: `<a href="${base}/${lang}/"><img src="${base}/${lang}/badge.svg" alt="${alt}" height="20"></a>`,
    script: `<script src="${base}/embed.js" defer></script>\n<fluxstatus-button lang="${lang}"></fluxstatus-button>`,
    iframe: `<iframe src="${base}/${lang}/status-button/" title="${EMBED_TEXTS[lang].iframeTitle}" width="280" height="44" style="border:0" loading="lazy"></iframe>`,
  };
}
