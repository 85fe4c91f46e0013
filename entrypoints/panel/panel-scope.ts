import { panelScopeFromSearch } from '../../src/messages';

/** This panel page's scope, fixed for its life: the practice page opens it with `?scope=practice`. */
export const panelScope = panelScopeFromSearch(location.search);
