// The wizard pane as lines of styled text for a given size: pure, so every step can be checked
// without Ink, and the Ink view only paints. Each line fits the width in terminal cells (CJK takes
// two); text from the API is made safe for the terminal here, on its way to the screen.
import {
  CLIENT_CERT_HEADER_KEYS,
  fieldSpec,
  headerSpec,
  headersFor,
  STEP_TITLES,
  WIZARD_STEPS,
  stepsFor,
} from '../../domain/fields.js';
import type { FieldId, HeaderKey, WizardStep } from '../../domain/fields.js';
import { defaultPort } from '../../domain/default-port.js';
import type { Lang, Localized } from '../../domain/i18n.js';
import { IDLE_TIMEOUT, PORT, REQUEST_TIMEOUT } from '../../domain/limits.js';
import { parseDecimalInteger } from '../../domain/text-rules.js';
import { defaultListenerName, draftToRequest } from '../../domain/listener-draft.js';
import {
  blocking,
  certificateState,
  validateDraft,
  type RuleViolation,
} from '../../domain/listener-rules.js';
import { messages } from '../../domain/messages.js';
import { cellWidth, padCells, sanitizeForTerminal, truncateCells } from '../../domain/text.js';
import { DEFAULT_SECURITY_POLICY_ID } from '../../domain/tls-policies.js';
import { fitLine, lineText, seg, wrapCells, type Line, type Segment } from '../components/lines.js';
import { targetLine, type ChangeTarget } from '../connections/change-target.js';
import { serverStatusWord } from '../dashboard/rows.js';
import type { Tone } from '../theme.js';
import { editConfirmLabel, editSummary, editTitle, editVerdict } from './edit-render.js';
import { tr } from './edit-resume.js';
import { te } from './edit-i18n.js';
import { tw, type WizardTextKey } from './wizard-i18n.js';
import {
  filterOptions,
  isPickerField,
  pickerOptions,
  type PickerField,
  type PickerOption,
} from './wizard-options.js';
import {
  exportText,
  formatName,
  isBusy,
  shownServerGroup,
  type Prompt,
  type WizardScreen,
} from './wizard-screen.js';
import { parentLabel } from './wizard-runs.js';
import { profileRulesReview, rulesRunLines, rulesVerdictLines } from './profile-rules-render.js';
import { EXPORT_FORMATS } from '../../domain/exporters.js';
import {
  textOf,
  focusedField,
  reviewActions,
  stepFields,
  wizardIssues,
  type ReviewAction,
  type WizardField,
  type WizardState,
} from './wizard-state.js';
import { windowStart } from '../list-cursor.js';

export { fitLine, lineText, wrapCells, type Line, type Segment };

export interface RenderOptions {
  lang: Lang;
  width: number;
  height: number;
  /** Frame of the spinner, advanced by the view while something runs. */
  spinner?: number;
  /** The connection the listener is created on or changed in, named on the review. */
  target?: readonly ChangeTarget[];
}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
/** Option rows a picker shows at most. */
export const PICKER_ROWS = 8;

/** Items (each a short line) packed into as few lines of `width` cells as fit, separated by `sep`. */
export function packItems(items: readonly Line[], width: number, sep = '  ', indent = ''): Line[] {
  const lines: Line[] = [];
  let current: Line | undefined;
  let used = 0;
  for (const item of items) {
    const w = cellWidth(lineText(item));
    if (current && used + cellWidth(sep) + w <= width) {
      current.push(seg(sep), ...item);
      used += cellWidth(sep) + w;
    } else {
      if (current) lines.push(current);
      current = [seg(indent), ...item];
      used = cellWidth(indent) + w;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function say(lang: Lang, message: Localized): string {
  return message[lang];
}

// ---------------------------------------------------------------------------------------------
// Chrome: title, step bar, status and key hints.

function stepNumber(step: WizardStep): number {
  return WIZARD_STEPS.indexOf(step) + 1;
}

function titleLine(screen: WizardScreen, lang: Lang): Line {
  const instance = screen.instanceName
    ? `${screen.instanceName} (${screen.loadBalancerId})`
    : screen.loadBalancerId;
  if (screen.edit) return [seg(' '), seg(editTitle(screen, lang), { bold: true, tone: 'accent' })];
  if (screen.parent) {
    const listener = parentLabel(screen.parent);
    return [seg(' '), seg(tw(lang, 'titleNested', { instance, listener }), { bold: true, tone: 'accent' })];
  }
  return [seg(' '), seg(tw(lang, 'title', { instance }), { bold: true })];
}

export function stepBar(screen: WizardScreen, lang: Lang): Line {
  const { step, draft } = screen.wizard;
  const applies = stepsFor(draft.protocol);
  const line: Line = [seg(' ')];
  WIZARD_STEPS.forEach((s, index) => {
    if (index > 0) line.push(seg(' › ', { dim: true }));
    const text = `${index + 1} ${say(lang, STEP_TITLES[s])}`;
    if (s === step && screen.load.status === 'ready' && !screen.offers) {
      line.push(seg(text, { bold: true, tone: 'accent' }));
    } else if (!applies.includes(s)) {
      line.push(seg(text, { dim: true }), seg(` ${tw(lang, 'notForHttp')}`, { dim: true }));
    } else {
      line.push(seg(text, { dim: true }));
    }
  });
  return line;
}

function hintKey(screen: WizardScreen): WizardTextKey | 'review' {
  if (screen.offers) return 'resumeKeys';
  if (screen.load.status === 'failed') return 'loadFailedKeys';
  if (screen.load.status === 'loading') return 'keysLoading';
  if (screen.prompt) {
    if (screen.prompt.kind === 'confirm-submit') return 'keysConfirmSubmit';
    return screen.prompt.kind === 'export-path' || screen.prompt.kind === 'profile-name'
      ? 'keysPrompt'
      : 'keysChoicePrompt';
  }
  if (screen.rulesRun?.status === 'failed') return 'keysRulesFailed';
  if (screen.rulesRun) return 'keysRulesRunning';
  if (isBusy(screen)) return 'keysBusy';
  if (screen.wizard.picker) return 'keysPickerOpen';
  if (screen.wizard.step === 'review') return 'review';
  const field = focusedField(screen.wizard);
  switch (field?.kind) {
    case 'text':
      return 'keysText';
    case 'switch':
      return 'keysSwitch';
    case 'choice':
      return 'keysChoice';
    default:
      return 'keysPicker';
  }
}

function hintsLine(screen: WizardScreen, lang: Lang): Line {
  const key = hintKey(screen);
  let text: string;
  if (key === 'review') {
    const { submission } = screen.wizard;
    const retry =
      submission.status === 'failed' && submission.retryable
        ? tw(lang, submission.jobFailed ? 'keysResubmit' : 'keysRetry')
        : '';
    const conflicts = screen.edit?.resume?.conflicts.length ? `${tr(lang, 'conflictKeys')} · ` : '';
    text = retry + conflicts + (screen.edit ? te(lang, 'keysReview') : tw(lang, 'keysReview'));
  } else {
    text = tw(lang, key);
    const policy =
      (key === 'keysPicker' && focusedField(screen.wizard)?.id === 'securityPolicyId') ||
      (key === 'keysPickerOpen' && screen.wizard.picker?.field === 'securityPolicyId');
    if (policy) text += tw(lang, 'keysPolicy');
    const certificateField =
      key === 'keysPicker'
        ? focusedField(screen.wizard)?.id
        : key === 'keysPickerOpen'
          ? screen.wizard.picker?.field
          : undefined;
    if (certificateField === 'certificateId' || certificateField === 'caCertificateId')
      text += tw(lang, 'keysCertificate');
  }
  // Drafts that cannot be saved are never said to be kept.
  if (screen.draftsUnsaved) {
    text = text
      .replace(tw(lang, 'draftKeptNote'), tw(lang, 'draftNotKeptNote'))
      .replace(tw(lang, 'draftKeptBusyNote'), tw(lang, 'draftNotKeptBusyNote'));
  }
  return [seg(' '), seg(text, { tone: 'muted' })];
}

function statusLine(screen: WizardScreen, lang: Lang): Line {
  if (screen.notice) {
    const mark = screen.notice.tone === 'good' ? '✓ ' : screen.notice.tone === 'danger' ? '✗ ' : '! ';
    return [seg(' '), seg(mark + say(lang, screen.notice.message), { tone: screen.notice.tone })];
  }
  if (screen.load.status === 'ready' && !screen.offers) {
    const instance = wizardIssues(screen.wizard).shown.get('instance');
    if (instance?.[0]) return [seg(' '), seg(`✗ ${say(lang, instance[0])}`, { tone: 'danger' })];
    const flag = openProfileFlag(screen);
    if (flag) {
      const text = tw(lang, 'profileFlag', { field: fieldSpec(flag.field).label, reason: flag.message });
      return [seg(' '), seg(`! ${text}`, { tone: 'warning' })];
    }
  }
  return [];
}

/** The value of an instance-specific pick (what a profile's hints fill); undefined for other fields. */
function pickOf(draft: WizardScreen['wizard']['draft'], field: FieldId): string | undefined {
  switch (field) {
    case 'certificateId':
    case 'caCertificateId':
    case 'serverGroupId':
    case 'quicListenerId':
    case 'securityPolicyId':
      return draft[field];
    default:
      return undefined;
  }
}

/** A pick the profile could not make that is on this step and still not made. */
function openProfileFlag(screen: WizardScreen) {
  const { wizard } = screen;
  if (wizard.step === 'review') return undefined;
  const here = new Set(stepFields(wizard.step, wizard.draft).map((field) => field.id));
  return screen.profileFlags?.find((flag) => {
    if (!here.has(flag.field)) return false;
    return pickOf(wizard.draft, flag.field) === '';
  });
}

// ---------------------------------------------------------------------------------------------
// Fields

interface FieldMessage {
  text: string;
  tone: 'danger' | 'warning';
}

type Issues = ReturnType<typeof wizardIssues>;

function fieldMessages(issues: Issues, field: FieldId, lang: Lang): FieldMessage[] {
  const { all, shown } = issues;
  return (shown.get(field) ?? []).map((message) => {
    const rule = all.find((v) => v.field === field && v.message === message);
    return { text: say(lang, message), tone: rule?.severity === 'warning' ? 'warning' : 'danger' };
  });
}

function messageLines(items: readonly FieldMessage[], width: number, indent: number): Line[] {
  const lines: Line[] = [];
  for (const item of items) {
    const mark = item.tone === 'danger' ? '✗ ' : '! ';
    const wrapped = wrapCells(item.text, Math.max(10, width - indent - 2)).slice(0, 3);
    wrapped.forEach((text, index) => {
      lines.push([seg(' '.repeat(indent)), seg((index === 0 ? mark : '  ') + text, { tone: item.tone })]);
    });
  }
  return lines;
}

function noteLines(text: string, width: number, indent: number, tone: Tone = 'muted'): Line[] {
  return wrapCells(text, Math.max(10, width - indent))
    .slice(0, 3)
    .map((t) => [seg(' '.repeat(indent)), seg(t, { tone })]);
}

function fieldLabel(field: FieldId, lang: Lang): string {
  return say(lang, fieldSpec(field).label);
}

function onOff(on: boolean, lang: Lang): string {
  return tw(lang, on ? 'on' : 'off');
}

/** Why a picker has nothing to offer, in plain words with what to do; undefined when it has something. */
export function pickerPrerequisite(state: WizardState, field: PickerField): Localized | undefined {
  const { context, draft } = state;
  if (!context) return undefined;
  const options = pickerOptions(field, draft, context);
  if (options.some((o) => !o.disabledReason && !o.create)) return undefined;
  switch (field) {
    case 'certificateId':
      return options.length === 0
        ? wizardTextOf('noServerCertificate')
        : wizardTextOf('allCertificatesExpired');
    case 'caCertificateId':
      return wizardTextOf('noCaCertificate');
    case 'securityPolicyId':
      return wizardTextOf('noPolicy');
    case 'serverGroupId':
      return wizardTextOf('noServerGroup', { vpc: context.instance.vpcId, protocol: draft.protocol });
    case 'quicListenerId':
      return messages.noEligibleQuicListener();
  }
}

function wizardTextOf(key: WizardTextKey, params: Record<string, string> = {}): Localized {
  return { en: tw('en', key, params), 'zh-CN': tw('zh-CN', key, params) };
}

/**
 * A text field's value with the caret. Longer than `room` cells, it shows a window that holds the
 * caret (what is being typed stays in view), cut with `…` on the side that is hidden.
 */
function caretSegments(text: string, caret: number | undefined, focused: boolean, room = Infinity): Line {
  if (!focused) return [seg(text)];
  const parts = [...new Intl.Segmenter().segment(text)].map((s) => s.segment);
  const at = Math.min(caret ?? parts.length, parts.length);
  let start = 0;
  let end = parts.length;
  if (cellWidth(text) + 1 > room) {
    // Back from the caret until the room (less one cell for the `…`) is full.
    let used = cellWidth(parts[at] ?? ' ');
    start = at;
    while (start > 0 && used + cellWidth(parts[start - 1]!) <= room - 2) used += cellWidth(parts[--start]!);
    end = at + 1;
    while (end < parts.length && used + cellWidth(parts[end]!) <= room - 2) used += cellWidth(parts[end++]!);
  }
  const before = (start > 0 ? '…' : '') + parts.slice(start, at).join('');
  const under = parts[at] ?? ' ';
  const after = parts.slice(at + 1, end).join('') + (end < parts.length ? '…' : '');
  return [seg(before), seg(under, { inverse: true }), seg(after)];
}

function textSuffix(state: WizardState, field: FieldId, lang: Lang): Line {
  const { draft } = state;
  const value = textOf(state.draft, field);
  const out: Line = [];
  if (field === 'idleTimeout' || field === 'requestTimeout') {
    const range = field === 'idleTimeout' ? IDLE_TIMEOUT : REQUEST_TIMEOUT;
    out.push(seg(tw(lang, 'seconds')));
    out.push(seg(`  ${tw(lang, 'range', { min: range.min, max: range.max })}`, { tone: 'muted' }));
    if (value.trim() === '')
      out.push(seg(tw(lang, 'defaultIs', { value: range.default }), { tone: 'muted' }));
  }
  if (field === 'name' && value === '') {
    // Only a port the rules accept makes the default name; `1e3` is not port 1.
    const port = parseDecimalInteger(draft.port);
    const valid = port !== undefined && port >= PORT.min && port <= PORT.max;
    const shown = valid ? defaultListenerName(draft.protocol, port) : `${draft.protocol}_…`;
    out.push(seg(tw(lang, 'defaultIs', { value: shown }), { tone: 'muted' }));
  }
  if (field === 'port') {
    out.push(seg('  1–65535', { tone: 'muted' }));
    if (state.portIsDefault) out.push(seg(defaultPortNote(state, lang), { tone: 'muted' }));
  }
  if (field.startsWith('alias.') && value === '')
    out.push(seg(tw(lang, 'aliasPlaceholder'), { tone: 'muted' }));
  return out;
}

/** Why the port is what it is: a default, and which usual ports were passed over. */
function defaultPortNote(state: WizardState, lang: Lang): string {
  const { skipped } = defaultPort(state.draft.protocol, state.context);
  if (skipped.length === 0) return tw(lang, 'portDefault');
  // Ports only: the line must fit; typing a taken port names the listener that holds it.
  const taken = skipped.map(({ port }) => port).join(lang === 'en' ? ', ' : '、');
  return tw(lang, 'portDefaultFree', { taken });
}

function chosenOption(state: WizardState, field: PickerField): PickerOption | undefined {
  const id = state.draft[field];
  if (!id) return undefined;
  return pickerOptions(field, state.draft, state.context).find((o) => o.id === id);
}

function pickerValue(state: WizardState, field: PickerField, lang: Lang): Line {
  const id = state.draft[field];
  if (!id) return [seg(tw(lang, 'nothingChosen'), { dim: true })];
  const option = chosenOption(state, field);
  if (!option) return [seg(id)];
  const out: Line = [
    seg(option.label, { bold: true }),
    seg(`  ${say(lang, option.detail)}`, { tone: 'muted' }),
  ];
  if (field === 'securityPolicyId' && id === DEFAULT_SECURITY_POLICY_ID) {
    out.splice(1, 0, seg(tw(lang, 'defaultMark'), { tone: 'muted' }));
  }
  return out;
}

const PROTOCOLS = ['HTTPS', 'HTTP', 'QUIC'] as const;

interface Block {
  lines: Line[];
}

interface BlockContext {
  screen: WizardScreen;
  /** The draft's problems, worked out once per frame. */
  issues: Issues;
  lang: Lang;
  width: number;
  labelWidth: number;
  bodyHeight: number;
}

function mainLine(ctx: BlockContext, focused: boolean, label: string, value: Line): Line {
  const marker = focused ? seg('› ', { tone: 'accent', bold: true }) : seg('  ');
  return [
    seg(' '),
    marker,
    seg(padCells(label, ctx.labelWidth), focused ? { bold: true } : {}),
    seg(' '),
    ...value,
  ];
}

function fieldBlock(ctx: BlockContext, field: WizardField, index: number): Block {
  const { screen, lang, width } = ctx;
  const state = screen.wizard;
  const focused = index === state.focus;
  const lines: Line[] = [];
  const indent = 4 + ctx.labelWidth;
  const id = field.id;

  if (id.startsWith('header.')) {
    const key = id.slice('header.'.length) as HeaderKey;
    const spec = headerSpec(key);
    const headers = headersFor(state.draft.protocol);
    if (headers[0]?.key === key) lines.push([seg('   '), seg(tw(lang, 'headersHeading'), { bold: true })]);
    const on = state.draft.headers[key];
    const marker = focused ? seg('› ', { tone: 'accent', bold: true }) : seg('  ');
    const nameWidth = Math.min(36, Math.max(...headers.map((h) => cellWidth(h.header))));
    lines.push([
      seg(' '),
      marker,
      seg(`  ${on ? '[x]' : '[ ]'} `, focused ? { bold: true } : {}),
      seg(padCells(spec.header, nameWidth), focused ? { bold: true } : {}),
      seg(`  ${say(lang, spec.carries)}`, { tone: 'muted' }),
    ]);
    const firstClientCert = headers.find((h) => h.aliasField);
    // Said once: as this note while no client-certificate header is on, then as the rule's warning.
    const warned = CLIENT_CERT_HEADER_KEYS.some((k) => state.draft.headers[k]);
    if (firstClientCert?.key === key && !warned && !state.draft.mutualTls)
      lines.push(...noteLines(tw(lang, 'clientCertNote'), width, 9));
    lines.push(...messageLines(fieldMessages(ctx.issues, id, lang), width, 9));
    return { lines };
  }

  if (id.startsWith('alias.')) {
    const value = textOf(state.draft, id);
    const marker = focused ? seg('› ', { tone: 'accent', bold: true }) : seg('  ');
    lines.push([
      seg(' '),
      marker,
      seg(`        ${tw(lang, 'aliasLabel')}`, focused ? { bold: true } : {}),
      ...caretSegments(value, screen.caret, focused),
      ...textSuffix(state, id, lang),
    ]);
    lines.push(...messageLines(fieldMessages(ctx.issues, id, lang), width, 11));
    return { lines };
  }

  const label = fieldLabel(id, lang);
  switch (field.kind) {
    case 'choice': {
      const value: Line = [];
      for (const protocol of PROTOCOLS) {
        const chosen = state.draft.protocol === protocol;
        value.push(
          chosen ? seg(`[${protocol}]`, { bold: true, tone: 'accent' }) : seg(` ${protocol} `, { dim: true }),
          seg(' '),
        );
      }
      if (state.editing)
        value.splice(
          0,
          value.length,
          seg(state.draft.protocol, { bold: true }),
          seg(` ${te(lang, 'fixed')}`, { dim: true }),
        );
      lines.push(mainLine(ctx, focused, label, value));
      break;
    }
    case 'text':
      if (state.editing && id === 'port') {
        lines.push(
          mainLine(ctx, focused, label, [
            seg(state.draft.port, { bold: true }),
            seg(` ${te(lang, 'fixed')}`, { dim: true }),
          ]),
        );
        break;
      }
      lines.push(
        mainLine(ctx, focused, label, [
          ...caretSegments(textOf(state.draft, id), screen.caret, focused, Math.max(10, width - 40)),
          ...textSuffix(state, id, lang),
        ]),
      );
      break;
    case 'switch': {
      const on = state.draft[id as 'http2' | 'gzip' | 'quicUpgrade' | 'mutualTls'];
      lines.push(mainLine(ctx, focused, label, [seg(on ? '[x]' : '[ ]', focused ? { bold: true } : {})]));
      break;
    }
    case 'picker': {
      if (!isPickerField(id)) break;
      lines.push(mainLine(ctx, focused, label, pickerValue(state, id, lang)));
      const open = state.picker?.field === id;
      if (open) lines.push(...pickerLines(ctx, id, indent));
      else {
        const missing = state.draft[id] === '' ? pickerPrerequisite(state, id) : undefined;
        if (missing)
          lines.push(...messageLines([{ text: say(lang, missing), tone: 'warning' }], width, indent));
        if (missing && id === 'quicListenerId' && !screen.parent)
          lines.push(...noteLines(tw(lang, 'quicCreateHint'), width, indent));
        if (
          id === 'securityPolicyId' &&
          screen.suitesOf &&
          screen.suitesOf === state.draft.securityPolicyId
        ) {
          lines.push(...suiteLines(ctx, screen.suitesOf, indent));
        }
        if ((id === 'certificateId' || id === 'caCertificateId') && screen.suitesOf === state.draft[id]) {
          lines.push(...certificateFactLines(ctx, screen.suitesOf, indent));
        }
      }
      break;
    }
  }
  const shownMessages = fieldMessages(ctx.issues, id, lang);
  const prerequisiteShown =
    isPickerField(id) &&
    state.picker?.field !== id &&
    state.draft[id] === '' &&
    pickerPrerequisite(state, id);
  // A missing prerequisite already says what to do; "choose one" under it would add nothing.
  lines.push(...messageLines(prerequisiteShown ? [] : shownMessages, width, indent));
  return { lines };
}

function suiteLines(ctx: BlockContext, policyId: string, indent: number): Line[] {
  const policy = ctx.screen.wizard.context?.securityPolicies.find((p) => p.securityPolicyId === policyId);
  if (!policy) return [];
  const title: Line = [
    seg(' '.repeat(indent)),
    seg(tw(ctx.lang, 'suitesTitle', { policy: policy.securityPolicyId, count: policy.ciphers.length }), {
      bold: true,
    }),
  ];
  const items = policy.ciphers.map((c) => [seg(c, { tone: 'muted' })]);
  return [title, ...packItems(items, ctx.width, '  ', ' '.repeat(indent + 2)).slice(0, 8)];
}

/** A certificate's facts whole, wrapped over lines: the row above is cut at the terminal's width. */
function certificateFactLines(ctx: BlockContext, certificateId: string, indent: number): Line[] {
  const { lang, width } = ctx;
  const certificate = ctx.screen.wizard.context?.certificates.find((c) => c.certificateId === certificateId);
  if (!certificate) return [];
  const facts: [WizardTextKey, string][] = [
    ['factCommonName', certificate.commonName],
    ['factSans', certificate.sans.join(', ')],
    ['factIssuer', certificate.issuer],
    ['factValidity', `${certificate.startDate.slice(0, 10)} – ${certificate.endDate.slice(0, 10)}`],
    ['factId', certificate.certificateId],
  ];
  const labels = facts.map(([key]) => tw(lang, key));
  const labelWidth = Math.max(...labels.map(cellWidth));
  const lines: Line[] = [];
  facts.forEach(([, value], i) => {
    const room = Math.max(10, width - indent - labelWidth - 2);
    wrapCells(sanitizeForTerminal(value) || '—', room).forEach((part, n) => {
      lines.push([
        seg(' '.repeat(indent)),
        seg(padCells(n === 0 ? labels[i]! : '', labelWidth), { tone: 'muted' }),
        seg(`  ${part}`),
      ]);
    });
  });
  return lines;
}

function optionRow(
  option: PickerOption,
  highlighted: boolean,
  labelWidth: number,
  indent: number,
  lang: Lang,
): Line {
  const disabled = option.disabledReason !== undefined;
  const style: Omit<Segment, 'text'> = highlighted ? { inverse: true } : disabled ? { dim: true } : {};
  const mark = disabled ? '✗ ' : option.warning ? '! ' : '  ';
  const line: Line = [
    seg(' '.repeat(indent)),
    seg(highlighted ? '› ' : '  ', highlighted ? { tone: 'accent', bold: true } : {}),
    seg(mark, disabled ? { tone: 'danger', dim: !highlighted } : option.warning ? { tone: 'warning' } : {}),
    seg(padCells(truncateCells(sanitizeForTerminal(option.label), labelWidth), labelWidth), style),
    seg(`  ${say(lang, option.detail)}`, highlighted ? { inverse: true } : { tone: 'muted', dim: disabled }),
  ];
  return line;
}

function pickerLines(ctx: BlockContext, field: PickerField, indent: number): Line[] {
  const { screen, lang, width } = ctx;
  const state = screen.wizard;
  const picker = state.picker!;
  const all = pickerOptions(field, state.draft, state.context);
  const options = filterOptions(all, picker.filter);
  const lines: Line[] = [];
  lines.push([
    seg(' '.repeat(indent)),
    seg(tw(lang, 'filter'), { tone: 'muted' }),
    seg(picker.filter),
    seg(' ', { inverse: true }),
    seg(`   ${tw(lang, 'matches', { shown: options.length, total: all.length })}`, { tone: 'muted' }),
  ]);
  const missing = pickerPrerequisite(state, field);
  if (all.length === 0 || (missing && picker.filter === '')) {
    if (missing) lines.push(...messageLines([{ text: say(lang, missing), tone: 'warning' }], width, indent));
  }
  if (all.length > 0 && options.length === 0) {
    lines.push([
      seg(' '.repeat(indent)),
      seg(tw(lang, 'noMatch', { filter: picker.filter }), { tone: 'muted' }),
    ]);
  }
  const rows = Math.max(2, Math.min(PICKER_ROWS, ctx.bodyHeight - 7));
  const start = windowStart(picker.cursor, options.length, rows);
  const visible = options.slice(start, start + rows);
  const labelWidth = Math.min(
    32,
    Math.max(8, ...visible.map((o) => cellWidth(sanitizeForTerminal(o.label)))),
  );
  if (start > 0)
    lines.push([seg(' '.repeat(indent + 2)), seg(tw(lang, 'moreAbove', { count: start }), { dim: true })]);
  visible.forEach((option, i) => {
    lines.push(optionRow(option, start + i === picker.cursor, labelWidth, indent, lang));
  });
  const below = options.length - start - visible.length;
  if (below > 0)
    lines.push([seg(' '.repeat(indent + 2)), seg(tw(lang, 'moreBelow', { count: below }), { dim: true })]);
  const highlighted = options[picker.cursor];
  if (highlighted?.disabledReason) {
    lines.push(
      ...messageLines(
        [
          {
            text: tw(lang, 'notSelectable', { reason: say(lang, highlighted.disabledReason) }),
            tone: 'danger',
          },
        ],
        width,
        indent + 2,
      ),
    );
  } else if (highlighted?.warning) {
    lines.push(
      ...messageLines([{ text: say(lang, highlighted.warning), tone: 'warning' }], width, indent + 2),
    );
  }
  if (field === 'securityPolicyId' && highlighted && screen.suitesOf === highlighted.id) {
    lines.push(...suiteLines(ctx, highlighted.id, indent + 2));
  }
  if (field !== 'securityPolicyId' && highlighted && screen.suitesOf === highlighted.id) {
    lines.push(...certificateFactLines(ctx, highlighted.id, indent + 2));
  }
  return lines;
}

function serverLines(ctx: BlockContext): Line[] {
  const { screen, lang, width } = ctx;
  const groupId = shownServerGroup(screen.wizard);
  if (!groupId) return [];
  const group = screen.wizard.context?.serverGroups.find((g) => g.serverGroupId === groupId);
  const name = group ? `${group.serverGroupName} (${groupId})` : groupId;
  const lines: Line[] = [[seg('   '), seg(tw(lang, 'serversTitle', { group: name }), { bold: true })]];
  const state = screen.servers[groupId];
  if (!state || state.status === 'loading') {
    lines.push([seg('     '), seg(tw(lang, 'serversLoading'), { tone: 'muted' })]);
  } else if (state.status === 'failed') {
    lines.push(
      ...messageLines(
        [{ text: tw(lang, 'serversFailed', { reason: say(lang, state.message) }), tone: 'danger' }],
        width,
        5,
      ),
    );
  } else if (state.servers.length === 0) {
    lines.push(...messageLines([{ text: tw(lang, 'serversNone'), tone: 'warning' }], width, 5));
  } else {
    const [server, port, weight, status] = tw(lang, 'serverColumns').split('|') as [
      string,
      string,
      string,
      string,
    ];
    const rows = state.servers.map((s) => [
      s.serverIp && s.serverIp !== s.serverId ? `${s.serverId} (${s.serverIp})` : s.serverId,
      String(s.port),
      String(s.weight),
      serverStatusWord(s.status, lang),
    ]);
    const widths = [server, port, weight, status].map((title, i) =>
      Math.max(cellWidth(title), ...rows.map((r) => cellWidth(sanitizeForTerminal(r[i]!)))),
    );
    widths[0] = Math.min(widths[0]!, Math.max(12, width - 30));
    const row = (cells: string[], style: Omit<Segment, 'text'>): Line => [
      seg('     '),
      seg(
        cells
          .map((c, i) =>
            padCells(
              truncateCells(sanitizeForTerminal(c), widths[i]!),
              widths[i]!,
              i === 1 || i === 2 ? 'right' : 'left',
            ),
          )
          .join('  '),
        style,
      ),
    ];
    lines.push(row([server, port, weight, status], { tone: 'muted' }));
    const room = Math.max(1, ctx.bodyHeight - 10);
    for (const r of rows.slice(0, room)) lines.push(row(r, {}));
    if (rows.length > room) {
      lines.push([seg('     '), seg(tw(lang, 'moreBelow', { count: rows.length - room }), { dim: true })]);
    }
  }
  return lines;
}

/** Which lines to show of a list taller than `height`, keeping lines [focusStart, focusEnd) in view. */
export function windowLines(
  lines: readonly Line[],
  focusStart: number,
  focusEnd: number,
  height: number,
  lang: Lang,
): Line[] {
  const total = lines.length;
  if (total <= height) return [...lines];
  if (height < 3) return lines.slice(focusStart, focusStart + height);
  const content = (start: number) => {
    const top = start > 0 ? 1 : 0;
    const remaining = height - top;
    return start + remaining >= total ? remaining : remaining - 1;
  };
  let start = focusStart;
  for (let candidate = 0; candidate <= focusStart; candidate += 1) {
    if (focusEnd <= candidate + content(candidate)) {
      start = candidate;
      break;
    }
  }
  const shown = content(start);
  const out: Line[] = [];
  if (start > 0) out.push([seg('   '), seg(tw(lang, 'moreAbove', { count: start }), { dim: true })]);
  out.push(...lines.slice(start, start + shown));
  const below = total - start - shown;
  if (below > 0) out.push([seg('   '), seg(tw(lang, 'moreBelow', { count: below }), { dim: true })]);
  return out;
}

function stepBody(screen: WizardScreen, lang: Lang, width: number, height: number): Line[] {
  const state = screen.wizard;
  const fields = stepFields(state.step, state.draft);
  const labels = fields
    .filter((f) => !f.id.startsWith('header.') && !f.id.startsWith('alias.'))
    .map((f) => cellWidth(fieldLabel(f.id, lang)));
  const labelWidth = Math.min(Math.max(8, ...labels), Math.floor(width * 0.4));
  const ctx: BlockContext = {
    screen,
    issues: wizardIssues(state),
    lang,
    width,
    labelWidth,
    bodyHeight: height,
  };
  const lines: Line[] = [];
  let focusStart = 0;
  let focusEnd = 0;
  fields.forEach((field, index) => {
    const block = fieldBlock(ctx, field, index);
    if (index === state.focus) {
      focusStart = lines.length;
      focusEnd = lines.length + block.lines.length;
    }
    lines.push(...block.lines);
  });
  if (state.step === 'serverGroup') {
    const servers = serverLines(ctx);
    if (servers.length > 0) {
      lines.push([]);
      lines.push(...servers);
      // The servers belong with the group being chosen: keep them in view with it.
      focusEnd = Math.min(lines.length, focusStart + height);
    }
  }
  return windowLines(lines, focusStart, focusEnd, height, lang);
}

// ---------------------------------------------------------------------------------------------
// Review

function reviewSummary(screen: WizardScreen, lang: Lang, width: number): Line[] {
  const state = screen.wizard;
  const { draft, context } = state;
  const request = draftToRequest(draft, state.loadBalancerId);
  const lines: Line[] = [];
  const item = (field: FieldId, value: string, note?: string): Line => [
    seg(`${fieldLabel(field, lang)} `, { tone: 'muted' }),
    seg(value, { bold: true }),
    ...(note ? [seg(/^[\s\uff08]/.test(note) ? note : ` ${note}`, { tone: 'muted' })] : []),
  ];
  const heading = (step: WizardStep) => {
    const n = stepNumber(step);
    lines.push([
      seg(' '),
      seg(`${n} ${say(lang, STEP_TITLES[step])}`, { bold: true, tone: 'accent' }),
      seg(`   ${tw(lang, 'reviewEdit', { key: n })}`, { dim: true }),
    ]);
  };
  const pack = (items: Line[]) => lines.push(...packItems(items, width, ' · ', '   '));
  const seconds = (text: string, fallback: number) =>
    `${text.trim() === '' ? fallback : text.trim()}${tw(lang, 'seconds')}`;
  const isDefault = (text: string, fallback: number) =>
    text.trim() === '' || text.trim() === String(fallback) ? tw(lang, 'defaultMark') : undefined;

  heading('listener');
  pack([
    item('protocol', draft.protocol),
    item('port', draft.port.trim()),
    item('name', request.listenerDescription ?? '', draft.name === '' ? tw(lang, 'defaultMark') : undefined),
  ]);
  const timing: Line[] = [];
  if (draft.protocol === 'HTTPS') timing.push(item('http2', onOff(draft.http2, lang)));
  timing.push(
    item(
      'idleTimeout',
      seconds(draft.idleTimeout, IDLE_TIMEOUT.default),
      isDefault(draft.idleTimeout, IDLE_TIMEOUT.default),
    ),
    item(
      'requestTimeout',
      seconds(draft.requestTimeout, REQUEST_TIMEOUT.default),
      isDefault(draft.requestTimeout, REQUEST_TIMEOUT.default),
    ),
    item('gzip', onOff(draft.gzip, lang)),
  );
  pack(timing);
  const headers = headersFor(draft.protocol).map((h): Line => {
    const alias = h.aliasField ? draft.headerAliases[h.key as keyof typeof draft.headerAliases] : '';
    const on = draft.headers[h.key];
    return [
      seg(`${h.header} `, { tone: 'muted' }),
      seg(onOff(on, lang), on ? { bold: true } : {}),
      ...(on && alias ? [seg(` → ${alias}`)] : []),
    ];
  });
  lines.push([seg('   '), seg(tw(lang, 'headersHeading'), { tone: 'muted' })]);
  lines.push(...packItems(headers, width, ' · ', '     '));
  if (draft.protocol === 'HTTPS') {
    const quic: Line[] = [item('quicUpgrade', onOff(draft.quicUpgrade, lang))];
    if (draft.quicUpgrade) {
      const chosen = context?.listeners.find((l) => l.listenerId === draft.quicListenerId);
      quic.push(
        item(
          'quicListenerId',
          chosen ? `${chosen.name} (QUIC ${chosen.port}, ${chosen.listenerId})` : draft.quicListenerId,
        ),
      );
    }
    pack(quic);
  }

  if (draft.protocol !== 'HTTP') {
    heading('certificate');
    const certificate = context?.certificates.find((c) => c.certificateId === draft.certificateId);
    const expiry = certificate && context ? certificateState(certificate, context.now).daysLeft : undefined;
    pack([
      item(
        'certificateId',
        certificate ? certificate.commonName : draft.certificateId,
        certificate
          ? `${certificate.certificateId}${expiry !== undefined ? ` · ${tw(lang, 'expiresIn', { days: expiry })}` : ''}`
          : undefined,
      ),
    ]);
    if (draft.protocol === 'HTTPS') {
      const policyId = request.securityPolicyId ?? DEFAULT_SECURITY_POLICY_ID;
      const policy = context?.securityPolicies.find((p) => p.securityPolicyId === policyId);
      const items: Line[] = [
        item(
          'securityPolicyId',
          // A custom policy is known by its name; its ID follows.
          policy && policy.securityPolicyName && policy.securityPolicyName !== policyId
            ? policy.securityPolicyName
            : policyId,
          [
            policy && policy.securityPolicyName && policy.securityPolicyName !== policyId ? policyId : '',
            policyId === DEFAULT_SECURITY_POLICY_ID ? tw(lang, 'defaultMark') : '',
            policy ? policy.tlsVersions.join(' ') : '',
          ]
            .filter(Boolean)
            .join(' '),
        ),
        item('mutualTls', onOff(draft.mutualTls, lang)),
      ];
      if (draft.mutualTls) {
        const ca = context?.certificates.find((c) => c.certificateId === draft.caCertificateId);
        items.push(
          item('caCertificateId', ca ? `${ca.commonName} (${ca.certificateId})` : draft.caCertificateId),
        );
      }
      pack(items);
    }
  }

  heading('serverGroup');
  const group = context?.serverGroups.find((g) => g.serverGroupId === draft.serverGroupId);
  pack([
    item(
      'serverGroupId',
      group ? group.serverGroupName : draft.serverGroupId,
      group
        ? `${group.serverGroupId} · ${group.protocol} · ${group.vpcId} · ${tw(lang, 'servers', { count: group.serverCount })}`
        : undefined,
    ),
  ]);
  lines.push(...profileRulesReview(screen, lang, width));
  return lines;
}

function where(field: FieldId | undefined, lang: Lang): string {
  if (!field || field === 'instance') return '';
  const step = fieldSpec(field).step;
  if (step === 'review') return '';
  return ` ${tw(lang, 'seeStep', { step: stepNumber(step), field: fieldLabel(field, lang) })}`;
}

function verdictLines(screen: WizardScreen, lang: Lang, width: number, spinner: string): Line[] {
  const state = screen.wizard;
  const lines: Line[] = [];
  const problems: RuleViolation[] = blocking(validateDraft(state.draft, state.context));
  const edited = screen.edit && problems.length === 0 ? editVerdict(screen, lang, width, spinner) : undefined;
  if (edited) return edited;
  if (problems.length > 0) {
    return messageLines(
      problems
        .slice(0, 3)
        .map((p) => ({ text: say(lang, p.message) + where(p.field, lang), tone: 'danger' })),
      width,
      1,
    );
  }
  const warnings = validateDraft(state.draft, state.context).filter((v) => v.severity === 'warning');
  lines.push(
    ...messageLines(
      warnings.slice(0, 2).map((w) => ({ text: say(lang, w.message), tone: 'warning' })),
      width,
      1,
    ),
  );
  lines.push(...rulesVerdictLines(screen, lang, width));
  const { precheck, submission } = state;
  switch (submission.status) {
    case 'submitting':
      return [
        ...lines,
        [
          seg(' '),
          seg(`${spinner} ${tw(lang, 'submitting', { token: shortToken(state.clientToken) })}`, {
            tone: 'accent',
          }),
        ],
      ];
    case 'provisioning':
      return [
        ...lines,
        [
          seg(' '),
          seg(
            `${spinner} ${tw(lang, 'provisioning', { id: submission.listenerId, status: submission.listenerStatus })}`,
            {
              tone: 'warning',
            },
          ),
        ],
      ];
    case 'running':
      if (screen.rulesRun) return [...lines, ...rulesRunLines(screen, lang, width, spinner)];
      return [
        ...lines,
        [seg(' '), seg(`✓ ${tw(lang, 'running', { id: submission.listenerId })}`, { tone: 'good' })],
      ];
    case 'failed': {
      const reason = say(lang, submission.issue.message) + where(submission.issue.field, lang);
      const text = submission.jobFailed
        ? tw(lang, 'submitJobFailed', { reason })
        : submission.retryable
          ? tw(lang, 'submitFailedRetry', { reason })
          : tw(lang, 'submitFailed', { reason });
      lines.push(...messageLines([{ text, tone: 'danger' }], width, 1));
      return lines;
    }
    case 'idle':
      break;
  }
  switch (precheck.status) {
    case 'idle':
      return [...lines, [seg(' '), seg(tw(lang, 'precheckIdle'), { tone: 'muted' })]];
    case 'running':
      return [...lines, [seg(' '), seg(`${spinner} ${tw(lang, 'precheckRunning')}`, { tone: 'accent' })]];
    case 'passed':
      return [...lines, [seg(' '), seg(`✓ ${tw(lang, 'precheckPassed')}`, { tone: 'good' })]];
    case 'failed': {
      const reason = say(lang, precheck.issue.message) + where(precheck.issue.field, lang);
      return [
        ...lines,
        ...messageLines([{ text: tw(lang, 'precheckFailed', { reason }), tone: 'danger' }], width, 1),
      ];
    }
  }
}

function shortToken(token: string): string {
  return token.length > 13 ? `${token.slice(0, 8)}…` : token;
}

const ACTION_TEXT: Record<ReviewAction, WizardTextKey> = {
  submit: 'actionSubmit',
  precheck: 'actionPrecheck',
  saveProfile: 'actionSaveProfile',
  exportAliyun: 'actionExportAliyun',
  exportTerraform: 'actionExportTerraform',
  exportJson: 'actionExportJson',
  editListener: 'actionEditListener',
  editCertificate: 'actionEditCertificate',
  editServerGroup: 'actionEditServerGroup',
};

function actionLines(screen: WizardScreen, lang: Lang, width: number): Line[] {
  const state = screen.wizard;
  const actions = reviewActions(state.draft.protocol, state.editing);
  const busy = isBusy(screen);
  const items = actions.map((action, index): Line => {
    const focused = index === state.focus && !busy;
    const text = `${focused ? '›' : ' '} ${tw(lang, ACTION_TEXT[action])} `;
    return [seg(text, focused ? { inverse: true, bold: true } : action === 'submit' ? { bold: true } : {})];
  });
  return packItems(items, width, ' ', ' ');
}

function promptLines(screen: WizardScreen, prompt: Prompt, lang: Lang, width: number): Line[] {
  const lines: Line[] = [];
  switch (prompt.kind) {
    case 'export-target':
      return noteLines(tw(lang, 'exportPreviewKeys'), width, 1, 'accent');
    case 'confirm-overwrite':
      return noteLines(tw(lang, 'confirmOverwrite', { path: prompt.path }), width, 1, 'warning');
    case 'confirm-profile-replace':
      return noteLines(tw(lang, 'confirmProfileReplace', { name: prompt.name }), width, 1, 'warning');
    case 'confirm-submit': {
      const { draft } = screen.wizard;
      const label = screen.edit
        ? editConfirmLabel(screen, lang)
        : tw(lang, 'confirmSubmit', {
            listener: `${draft.protocol} ${draft.port.trim()}`,
            name: sanitizeForTerminal(screen.instanceName ?? screen.loadBalancerId),
            id: sanitizeForTerminal(screen.loadBalancerId),
          });
      lines.push(...noteLines(label, width, 1, 'danger'));
      lines.push([seg('   '), seg(prompt.text), seg(' ', { inverse: true })]);
      if (prompt.error)
        lines.push(...messageLines([{ text: say(lang, prompt.error), tone: 'danger' }], width, 3));
      return lines;
    }
    case 'export-path':
    case 'profile-name': {
      const label =
        prompt.kind === 'export-path'
          ? tw(lang, 'exportPath', { format: formatName(prompt.format) })
          : tw(lang, 'profileName');
      lines.push([seg(' '), seg(label, { bold: true, tone: 'accent' })]);
      lines.push([seg('   '), seg(prompt.text), seg(' ', { inverse: true })]);
      if (prompt.error)
        lines.push(...messageLines([{ text: say(lang, prompt.error), tone: 'danger' }], width, 3));
      return lines;
    }
  }
}

function reviewBody(
  screen: WizardScreen,
  lang: Lang,
  width: number,
  height: number,
  spinner: string,
  target?: readonly ChangeTarget[],
): Line[] {
  if (screen.prompt?.kind === 'export-target')
    return exportPreviewBody(screen, screen.prompt, lang, width, height);
  // On a short terminal the blank separators give their lines to the summary.
  const gap: Line[] = height >= 16 ? [[]] : [];
  const where = targetLine(target, lang);
  const bottom: Line[] = [
    ...gap,
    ...(where ? [[seg(` ${where}`, { bold: true })]] : []),
    ...verdictLines(screen, lang, width, spinner),
    ...gap,
  ];
  bottom.push(
    ...(screen.prompt ? promptLines(screen, screen.prompt, lang, width) : actionLines(screen, lang, width)),
  );
  const summary = screen.edit ? editSummary(screen, lang, width) : reviewSummary(screen, lang, width);
  const room = Math.max(0, height - bottom.length);
  return [...scrollLines(summary, screen.reviewScroll ?? 0, room, lang), ...bottom];
}

/**
 * The export on screen before it is written or copied: the three formats as tabs, the text as it
 * will be written (wrapped, never cut; made safe for the terminal), scrolled, then the keys.
 */
function exportPreviewBody(
  screen: WizardScreen,
  prompt: Extract<Prompt, { kind: 'export-target' }>,
  lang: Lang,
  width: number,
  height: number,
): Line[] {
  const tabs: Line = [seg(' '), seg(tw(lang, 'exportPreviewTitle'), { bold: true }), seg('  ')];
  for (const format of EXPORT_FORMATS) {
    const name = ` ${say(lang, formatName(format))} `;
    tabs.push(seg(name, format === prompt.format ? { inverse: true, bold: true } : { dim: true }), seg(' '));
  }
  const inner = Math.max(10, width - 3);
  const text: Line[] = exportText(screen, prompt.format)
    .replace(/\n$/, '')
    .split('\n')
    .flatMap((line) =>
      wrapCells(sanitizeForTerminal(line), inner).map((part): Line => [seg('   '), seg(part)]),
    );
  const keys = promptLines(screen, prompt, lang, width);
  const room = Math.max(0, height - 2 - keys.length);
  return [tabs, [], ...scrollLines(text, prompt.scroll ?? 0, room, lang), ...keys];
}

/** `height` lines of a longer text scrolled to `start`, saying how much is above and below. */
export function scrollLines(lines: readonly Line[], start: number, height: number, lang: Lang): Line[] {
  const total = lines.length;
  if (total <= height) return [...lines];
  if (height < 3) return lines.slice(0, height);
  const from = Math.max(0, Math.min(start, total - (height - 1)));
  const top = from > 0 ? 1 : 0;
  let shown = height - top;
  if (from + shown < total) shown -= 1;
  const out: Line[] = [];
  if (top) out.push([seg('   '), seg(tw(lang, 'moreAbove', { count: from }), { dim: true })]);
  out.push(...lines.slice(from, from + shown));
  const below = total - from - shown;
  if (below > 0) out.push([seg('   '), seg(tw(lang, 'moreBelow', { count: below }), { dim: true })]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Other phases

function offerBody(screen: WizardScreen, lang: Lang, width: number): Line[] {
  const offers = screen.offers ?? [];
  const cursor = screen.offerCursor ?? 0;
  const rows = offers.map((offer, index): Line => {
    const when = offer.savedAt.replace('T', ' ').slice(0, 16);
    const step = `${stepNumber(offer.step)} ${say(lang, STEP_TITLES[offer.step])}`;
    const { draft } = offer;
    const facts = [
      `${draft.protocol} ${draft.port.trim()}`,
      draft.name || undefined,
      draft.certificateId || undefined,
      draft.serverGroupId || undefined,
    ].filter((x): x is string => x !== undefined && x !== '');
    const chosen = index === cursor;
    return [
      seg('   '),
      seg(chosen ? '› ' : '  ', { tone: 'accent', bold: true }),
      seg(sanitizeForTerminal(facts.join(' · ')), chosen ? { bold: true, inverse: true } : { bold: true }),
      seg(`  ${tw(lang, 'resumeRow', { when, step })}`, { tone: 'muted' }),
    ];
  });
  return [
    [],
    ...noteLines(
      screen.edit ? te(lang, 'resumeTitle') : tw(lang, 'resumeTitle', { count: offers.length }),
      width,
      3,
      'accent',
    ),
    [],
    ...rows,
    [],
    ...noteLines(screen.edit ? te(lang, 'resumeKeys') : tw(lang, 'resumeKeys'), width, 3),
  ];
}

function loadingBody(screen: WizardScreen, lang: Lang, width: number, spinner: string): Line[] {
  if (screen.load.status === 'failed') {
    const { problem } = screen.load;
    const text =
      problem.kind === 'notFound' && problem.code?.includes('LoadBalancer')
        ? tw(lang, 'instanceGone', { instance: screen.loadBalancerId })
        : tw(lang, 'loadFailed', { instance: screen.loadBalancerId, reason: say(lang, problem.message) });
    return [
      [],
      ...messageLines([{ text, tone: 'danger' }], width, 3),
      [],
      ...noteLines(tw(lang, 'loadFailedKeys'), width, 3),
    ];
  }
  return [
    [],
    [
      seg('   '),
      seg(
        `${spinner} ${screen.edit ? te(lang, 'loading', { id: screen.edit.listenerId }) : tw(lang, 'loading', { instance: screen.loadBalancerId })}`,
        { tone: 'accent' },
      ),
    ],
  ];
}

/** The whole pane: exactly `height` lines (title, step bar, body, status, key hints), each within `width`. */
export function renderWizard(screen: WizardScreen, options: RenderOptions): Line[] {
  const { lang } = options;
  const width = Math.max(20, options.width);
  const height = Math.max(4, options.height);
  const spinner = SPINNER[(options.spinner ?? 0) % SPINNER.length]!;
  const header: Line[] = [titleLine(screen, lang), stepBar(screen, lang)];
  const footer: Line[] = [statusLine(screen, lang), hintsLine(screen, lang)];
  const bodyHeight = Math.max(0, height - header.length - footer.length - 1);
  let body: Line[];
  if (screen.offers) body = offerBody(screen, lang, width);
  else if (screen.load.status !== 'ready') body = loadingBody(screen, lang, width, spinner);
  else if (screen.wizard.step === 'review')
    body = reviewBody(screen, lang, width, bodyHeight, spinner, options.target);
  else body = stepBody(screen, lang, width, bodyHeight);
  body = body.slice(0, bodyHeight);
  while (body.length < bodyHeight) body.push([]);
  return [...header, [], ...body, ...footer].map((line) => fitLine(line, width));
}

/** The pane as plain text lines (tests, and for reading a frame without styles). */
export function renderWizardText(screen: WizardScreen, options: RenderOptions): string[] {
  return renderWizard(screen, options).map(lineText);
}
