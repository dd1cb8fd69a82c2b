// The props the views the router opens share.
import type { Lang } from '../domain/i18n.js';
import type { ChangeTarget } from './connections/change-target.js';
import type { ViewKeyHandler } from './view-keys.js';

/** What every view is drawn with: the language, its box, and where it registers its keys. */
export interface ViewFrameProps {
  lang: Lang;
  width: number;
  height: number;
  registerKeys: (handler: ViewKeyHandler | undefined) => void;
}

/** And a view that changes the account: refused read-only, typed on production, the target named. */
export interface ChangeViewProps extends ViewFrameProps {
  readOnly: boolean;
  production: boolean;
  /** The connection(s) a change goes to, named on its preview, plan or review. */
  target?: readonly ChangeTarget[];
}
