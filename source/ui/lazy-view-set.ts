// The views that are not on screen at start, in one module that `lazy-views.ts` loads after the
// first frame: they bring the listener rules (zod) and the store (conf), which the dashboard's first
// frame does not need.
export { ApplyView } from './profiles/apply-view.js';
export { UpdateView } from './profiles/update-view.js';
export { ProfilesView } from './profiles/profiles-view.js';
export { ConnectionsView } from './connections/connections-view.js';
export { WizardView } from './wizard/wizard-view.js';
export { OpsView } from './ops/ops-view.js';
export { CertsView } from './certs/certs-view.js';
export { ListenerCertsView } from './certs/listener-certs-view.js';
export { RuleFormView } from './rule-form/rule-form-view.js';
export { RulesView } from './rules/rules-view.js';
export { GroupsView } from './groups/groups-view.js';
export { RegionsView } from './connections/regions-view.js';
