/** The content collection: written communications, maintenance windows, safe Markdown. */
export type { ContentContext, Result } from './types';
export { parseCommunication, checkDetectedLinks, communicationToIncident, impactLevel, type Communication, type CommunicationUpdate } from './communication';
export { parseMaintenance, maintenanceToSnapshot, maintenanceAt, type MaintenanceWindow } from './maintenance';
export { renderMarkdown, MAX_MARKDOWN_CHARS } from './markdown';
