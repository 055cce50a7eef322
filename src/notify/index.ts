export * from './channel.js';
export * from './message.js';
export * from './notify.js';
export * from './webhook.js';
export * from './teams.js';
export * from './pagerduty.js';
export * from './grafana.js';
