import { createContext, useContext } from 'react';
import { applicationDa, applicationEn } from './i18n-application';
import { dailyDa, dailyEn } from './i18n-daily';
import { coordinationDa, coordinationEn } from './i18n-coordination';
import { transparencyDa, transparencyEn } from './i18n-transparency';
import { pagesDa, pagesEn } from './i18n-pages';
import { proxyDa, proxyEn } from './i18n-proxy';
import { bundlesDa, bundlesEn } from './i18n-bundles';

// Tiny i18n: Danish is the default, English is the alternative. No dependencies.
// Keys are shared by both dictionaries; `satisfies` makes a missing English key a type error.

export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];
export const DEFAULT_LANG: Lang = 'da';

const da = {
  'app.name': 'Rød Løber',
  'app.tagline': 'Én indgang til tilladelser for produktionsvirksomheder',
  'skip.toMain': 'Gå til sidens indhold',
  'header.home': 'Startside for Rød Løber',
  'header.virk': 'Virk',
  'header.loggedInAs': 'Logget ind som',
  'header.logout': 'Log ud',
  'lang.switchTo': 'English',
  'lang.switchLabel': 'Change language to English',
  'footer.text': 'Rød Løber – demonstrationsmiljø. Tilladelser efter lov L 206 af 2025 (Én indgang).',
  'login.title': 'Log ind',
  'login.intro': 'Udviklingstilstand (AUTH_MODE=dev): vælg en demobruger. I produktion logger du ind med MitID Erhverv.',
  'login.legend': 'Demobrugere',
  'login.submit': 'Log ind',
  'login.pending': 'Logger ind …',
  'login.error': 'Login mislykkedes',
  'login.notAvailable': 'Dev-login er ikke slået til på serveren (AUTH_MODE er ikke "dev").',
  'login.oidcIntro': 'Log ind med MitID Erhverv eller din organisations login. Du sendes til login-siden og tilbage hertil.',
  'login.oidcNotConfigured': 'Login er ikke sat op for webappen på denne server (OIDC_WEB_CLIENT_ID mangler). Kontakt support.',
  'relogin.otherUser': 'Du loggede ind som {user}, ikke som den bruger, der arbejdede på siden. Log ud for at skifte bruger.',
  'login.oidcCancelled': 'Login blev afbrudt eller ikke gennemført. Prøv igen.',
  'login.oidcRefused': 'Login-tjenesten afviste login. Prøv igen, eller kontakt support, hvis det bliver ved.',
  'relogin.title': 'Din session er udløbet',
  'relogin.intro': 'Log ind igen for at fortsætte. Det, du har skrevet, står stadig på siden: når du er logget ind, kan du gemme eller sende igen.',
  'relogin.user': 'Du logger ind igen som {user}.',
  'relogin.submit': 'Log ind igen',
  'relogin.logout': 'Log ud',
  'relogin.close': 'Luk',
  'relogin.done': 'Du er logget ind igen. Gem eller send igen.',
  'errorSummary.heading': 'Der er problemer',
  'role.applicant': 'Ansøger',
  'role.caseworker': 'Sagsbehandler',
  'role.coordinator': 'Koordinator (én indgang)',
  'role.admin': 'Administrator',
  'home.title.applicant': 'Mine sager',
  'home.title.caseworker': 'Indbakke',
  'home.title.coordinator': 'Overblik',
  'home.title.admin': 'Administration',
  'home.body.applicant': 'Her kan du screene dit projekt, oprette en sag og følge status på alle tilladelser.',
  'home.body.caseworker': 'Her ser du de tilladelsesopgaver, der er sendt til din myndighed, sorteret efter risiko.',
  'home.body.coordinator': 'Her ser du alle sager, frister, overskridelser og den kritiske vej.',
  'home.body.admin': 'Her vedligeholder du katalog, kalender og køer.',
  'home.placeholder': 'Denne side er under opbygning.',
  'home.welcome': 'Velkommen, {name}',
  'health.title': 'Systemstatus',
  'health.refresh': 'Opdater status',
  'health.loading': 'Henter status …',
  'health.overall': 'Samlet status',
  'health.database': 'Database (PostgreSQL)',
  'health.redis': 'Kø (Redis)',
  'health.up': 'Kører',
  'health.down': 'Nede',
  'health.unknown': 'Ukendt',
  'health.ok': 'Alle systemer kører',
  'health.error': 'Et eller flere systemer er nede',
  'health.unreachable': 'API\'et kunne ikke kontaktes',
  'health.checkedAt': 'Kontrolleret {time}',
  'error.network': 'Netværksfejl – kunne ikke kontakte serveren.',
  'error.http': 'Serveren svarede med fejl {status}.',
  'problem.AUTH.UNAUTHENTICATED': 'Du er ikke logget ind (eller din session er udløbet). Log ind igen.',
  'problem.AUTH.INVALID_TOKEN': 'Din session er udløbet. Log ind igen.',
  'problem.AUTH.UNKNOWN_USER': 'Din bruger findes ikke længere. Log ind igen, eller kontakt din administrator.',
  'problem.AUTH.FORBIDDEN': 'Du har ikke adgang til at gøre dette.',
  'problem.AUTH.USER_DEACTIVATED': 'Din bruger er deaktiveret. Kontakt din administrator.',
  'problem.CONCURRENCY.VERSION_CONFLICT': 'En anden har ændret dette i mellemtiden. Indlæs siden igen, og prøv igen.',
  'problem.REQUEST.RATE_LIMITED': 'For mange forespørgsler på kort tid. Vent lidt, og prøv igen.',
  'problem.REQUEST.TOO_LARGE': 'Filen eller forespørgslen er for stor.',
  'problem.TASK.ALREADY_CLAIMED': 'Opgaven er allerede taget af en kollega. Indlæs listen igen.',
  'problem.PLAN.REQUEST_OUTDATED': 'Ændringen kan ikke godkendes: de planlagte datoer er ændret, efter den blev anmodet. Afvis den, og anmod om ændringen igen.',
  'problem.INTERNAL.ERROR': 'Der opstod en uventet fejl. Prøv igen om lidt; bliver den ved, kontakt support med fejlkoden.',
  ...pagesDa,
  ...applicationDa,
  ...proxyDa,
  ...bundlesDa,
  ...dailyDa,
  ...coordinationDa,
  ...transparencyDa,
} as const;

type Key = keyof typeof da;

const en = {
  'app.name': 'Rød Løber',
  'app.tagline': 'One point of entry for production-site permits',
  'skip.toMain': 'Skip to main content',
  'header.home': 'Rød Løber home page',
  'header.virk': 'Virk',
  'header.loggedInAs': 'Logged in as',
  'header.logout': 'Log out',
  'lang.switchTo': 'Dansk',
  'lang.switchLabel': 'Skift sprog til dansk',
  'footer.text': 'Rød Løber – demo environment. Permits under Act L 206 of 2025 (one-stop shop).',
  'login.title': 'Log in',
  'login.intro': 'Development mode (AUTH_MODE=dev): choose a demo user. In production you log in with MitID Erhverv.',
  'login.legend': 'Demo users',
  'login.submit': 'Log in',
  'login.pending': 'Logging in …',
  'login.error': 'Login failed',
  'login.notAvailable': 'Dev login is not enabled on the server (AUTH_MODE is not "dev").',
  'login.oidcIntro': 'Log in with MitID Erhverv or your organisation\'s login. You are sent to the login page and back here.',
  'login.oidcNotConfigured': 'Login is not set up for the web app on this server (OIDC_WEB_CLIENT_ID is missing). Contact support.',
  'relogin.otherUser': 'You logged in as {user}, not as the user who was working on this page. Log out to change user.',
  'login.oidcCancelled': 'The login was cancelled or not completed. Try again.',
  'login.oidcRefused': 'The login service refused the login. Try again, or contact support if it keeps happening.',
  'relogin.title': 'Your session has expired',
  'relogin.intro': 'Log in again to continue. What you have typed is still on the page: once you are logged in, you can save or send again.',
  'relogin.user': 'You log in again as {user}.',
  'relogin.submit': 'Log in again',
  'relogin.logout': 'Log out',
  'relogin.close': 'Close',
  'relogin.done': 'You are logged in again. Save or send again.',
  'errorSummary.heading': 'There is a problem',
  'role.applicant': 'Applicant',
  'role.caseworker': 'Caseworker',
  'role.coordinator': 'Coordinator (one-stop shop)',
  'role.admin': 'Administrator',
  'home.title.applicant': 'My cases',
  'home.title.caseworker': 'Inbox',
  'home.title.coordinator': 'Overview',
  'home.title.admin': 'Administration',
  'home.body.applicant': 'Screen your project, create a case and follow the status of every permit.',
  'home.body.caseworker': 'The permit tasks routed to your authority, sorted by risk.',
  'home.body.coordinator': 'All cases, deadlines, breaches and the critical path.',
  'home.body.admin': 'Maintain the catalogue, the calendar and the queues.',
  'home.placeholder': 'This page is under construction.',
  'home.welcome': 'Welcome, {name}',
  'health.title': 'System status',
  'health.refresh': 'Refresh status',
  'health.loading': 'Loading status …',
  'health.overall': 'Overall status',
  'health.database': 'Database (PostgreSQL)',
  'health.redis': 'Queue (Redis)',
  'health.up': 'Up',
  'health.down': 'Down',
  'health.unknown': 'Unknown',
  'health.ok': 'All systems are up',
  'health.error': 'One or more systems are down',
  'health.unreachable': 'Could not reach the API',
  'health.checkedAt': 'Checked {time}',
  'error.network': 'Network error – could not reach the server.',
  'error.http': 'The server responded with error {status}.',
  'problem.AUTH.UNAUTHENTICATED': 'You are not signed in (or your session has expired). Please sign in again.',
  'problem.AUTH.INVALID_TOKEN': 'Your session has expired. Please sign in again.',
  'problem.AUTH.UNKNOWN_USER': 'Your user no longer exists. Sign in again or contact your administrator.',
  'problem.AUTH.FORBIDDEN': 'You do not have access to do this.',
  'problem.AUTH.USER_DEACTIVATED': 'Your user has been deactivated. Contact your administrator.',
  'problem.CONCURRENCY.VERSION_CONFLICT': 'Someone else changed this in the meantime. Reload the page and try again.',
  'problem.REQUEST.RATE_LIMITED': 'Too many requests in a short time. Wait a moment and try again.',
  'problem.REQUEST.TOO_LARGE': 'The file or request is too large.',
  'problem.TASK.ALREADY_CLAIMED': 'A colleague has already taken the task. Reload the list.',
  'problem.PLAN.REQUEST_OUTDATED': 'The change cannot be approved: the planned dates changed after it was requested. Reject it and request the change again.',
  'problem.INTERNAL.ERROR': 'An unexpected error occurred. Try again shortly; if it persists, contact support with the error code.',
  ...pagesEn,
  ...applicationEn,
  ...proxyEn,
  ...bundlesEn,
  ...dailyEn,
  ...coordinationEn,
  ...transparencyEn,
} as const satisfies Record<Key, string>;

const dictionaries: Record<Lang, Record<Key, string>> = { da, en };

export type MessageKey = Key;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = dictionaries[lang][key] ?? dictionaries[DEFAULT_LANG][key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

const LANG_STORAGE_KEY = 'rl.lang';

export function loadLang(): Lang {
  try {
    const stored = localStorage.getItem(LANG_STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    /* storage unavailable */
  }
  return DEFAULT_LANG;
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    /* storage unavailable */
  }
}

/** Locale for Intl formatting (dates, numbers). */
export function locale(lang: Lang): string {
  return lang === 'da' ? 'da-DK' : 'en-GB';
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

export const I18nContext = createContext<I18n>({
  lang: DEFAULT_LANG,
  setLang: () => undefined,
  t: (key, vars) => translate(DEFAULT_LANG, key, vars),
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** useI18n with `x`, the current language's entry of a feature's own text table ({ da, en }). */
export function useTexts<X extends Record<Lang, unknown>>(texts: X): I18n & { x: X[Lang] } {
  const i18n = useI18n();
  return { ...i18n, x: texts[i18n.lang] };
}
