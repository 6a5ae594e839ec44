import { Fragment, useId, useState, type ReactNode } from 'react';
import { decisionsApi, type PublicHearing } from '../decisions/decisions-api';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useTexts } from '../i18n';
import { ActionError, problemText, useAction } from '../components/actions';
import { Alert } from '../components/Alert';
import { Loadable } from '../components/common';
import { Section } from '../components/DataTable';
import { describedBy, FormField, SubmitButton, TextAreaField } from '../components/forms';
import { PageHeading } from '../components/PageHeading';

const TEXT = {
  da: {
    hearing: (name: string) => `Høring: ${name}`,
    project: 'Projekt',
    authority: 'Myndighed',
    municipality: 'Kommune',
    legalBasis: 'Retsgrundlag',
    period: 'Høringsperiode',
    periodText: (from: string, to: string) => `Fra ${from}. Høringen kan tidligst afsluttes ${to}.`,
    closed: (d: string) => `Høringen blev afsluttet ${d}. Høringssvar modtages stadig, men registreres som for sent indkommet.`,
    documents: 'Høringsmateriale',
    noDocuments: 'Der er ikke lagt materiale ud.',
    form: 'Afgiv høringssvar',
    name: 'Navn',
    email: 'E-mail',
    text: 'Høringssvar',
    textHint: (n: number) => `Kun tekst (ingen HTML). Højst ${n} tegn.`,
    attachment: 'Bilag (valgfrit)',
    attachmentHint: (kb: number) => `PDF eller billede, højst ${kb} kB.`,
    honeypot: 'Lad dette felt være tomt',
    submit: 'Send høringssvar',
    thanks: 'Tak. Dit høringssvar er modtaget.',
    thanksLate: 'Tak. Dit høringssvar er modtaget efter høringsfristen og registreret som for sent indkommet.',
    required: 'Udfyld navn, e-mail og høringssvar.',
    privacy: 'Dit navn og din e-mail ses kun af myndigheden. Afgørelsen omtaler høringssvar uden navne.',
  },
  en: {
    hearing: (name: string) => `Consultation: ${name}`,
    project: 'Project',
    authority: 'Authority',
    municipality: 'Municipality',
    legalBasis: 'Legal basis',
    period: 'Consultation period',
    periodText: (from: string, to: string) => `From ${from}. The consultation can end ${to} at the earliest.`,
    closed: (d: string) => `The consultation ended ${d}. Responses are still received but recorded as late.`,
    documents: 'Consultation documents',
    noDocuments: 'No documents have been published.',
    form: 'Submit a response',
    name: 'Name',
    email: 'E-mail',
    text: 'Response',
    textHint: (n: number) => `Plain text only (no HTML). At most ${n} characters.`,
    attachment: 'Attachment (optional)',
    attachmentHint: (kb: number) => `PDF or image, at most ${kb} kB.`,
    honeypot: 'Leave this field empty',
    submit: 'Send response',
    thanks: 'Thank you. Your response has been received.',
    thanksLate: 'Thank you. Your response arrived after the deadline and is recorded as late.',
    required: 'Fill in name, e-mail and response.',
    privacy: 'Only the authority sees your name and e-mail. The decision mentions responses without names.',
  },
};

/** Issue 15 item 3: a hearing's public page (no login): proposal, period, comment form. */
export function PublicHearingPage({ id, focusHeading }: { id: string; focusHeading?: boolean }) {
  const { lang, x } = useTexts(TEXT);
  const load = useLoad(() => decisionsApi.publicHearing(id), [id]);
  return (
    <Loadable load={load}>
      {(h) => (
        <PublicHearingView
          h={h}
          heading={x.hearing(lang === 'en' ? h.permitNameEn : h.permitNameDa)}
          focusHeading={focusHeading}
          facts={[
            { term: x.project, value: h.projectTitle },
            { term: x.authority, value: lang === 'en' ? h.authorityNameEn : h.authorityNameDa },
          ]}
          basis={{ term: x.legalBasis, value: h.legalBasis }}
          periodText={x.periodText}
          periodTestId="hearing-period"
          docsId="hearing-docs"
        />
      )}
    </Loadable>
  );
}

type HearingFact = { term: string; value: ReactNode };

/**
 * A public hearing page (one permit's, or issue 17's joint hearing's): the heading, the summary (the
 * page's `facts`, the municipality, `basis`, the period), the closed notice, the page's own sections
 * (`children`), the documents and the comment form (`send`: where it posts).
 */
export function PublicHearingView({
  h,
  heading,
  focusHeading,
  intro,
  facts,
  basis,
  periodText,
  periodTestId,
  docsId,
  send,
  children,
}: {
  h: Pick<PublicHearing, 'id' | 'limits' | 'municipality' | 'documents' | 'endedAt'> & { startedAt: string | null; earliestEndAt: string | null };
  heading: string;
  focusHeading?: boolean;
  intro?: string;
  facts: HearingFact[];
  basis: HearingFact;
  periodText: (from: string, to: string) => string;
  periodTestId: string;
  docsId: string;
  send?: (c: CommentBody) => Promise<{ late: boolean }>;
  children?: ReactNode;
}) {
  const { lang, x } = useTexts(TEXT);
  return (
    <>
      <PageHeading focus={focusHeading}>{heading}</PageHeading>
      {intro ? <p>{intro}</p> : null}
      <dl className="rl-summary">
        {[...facts, ...(h.municipality ? [{ term: x.municipality, value: h.municipality }] : []), basis].map((f) => (
          <Fragment key={f.term}>
            <dt>{f.term}</dt>
            <dd>{f.value}</dd>
          </Fragment>
        ))}
        <dt>{x.period}</dt>
        <dd data-testid={periodTestId}>{periodText(fmtDate(lang, h.startedAt), fmtDate(lang, h.earliestEndAt))}</dd>
      </dl>
      {h.endedAt ? <Alert variant="info">{x.closed(fmtDate(lang, h.endedAt))}</Alert> : null}
      {children}
      <Section id={docsId} title={x.documents}>
        {h.documents.length === 0 ? (
          <p>{x.noDocuments}</p>
        ) : (
          <ul>
            {h.documents.map((d) => (
              <li key={d.id}>
                <a href={d.url}>{d.filename}</a>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <CommentForm h={h} send={send} />
    </>
  );
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

type CommentBody = Parameters<typeof decisionsApi.comment>[1];

/** The public comment form; `send` posts it elsewhere (issue 17: a joint hearing's one page). */
function CommentForm({ h, send }: { h: Pick<PublicHearing, 'id' | 'limits'>; send?: (c: CommentBody) => Promise<{ late: boolean }> }) {
  const { t, x } = useTexts(TEXT);
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [website, setWebsite] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, setError, run } = useAction({ describe: (err) => problemText(err, t) });

  const post = async () => {
    const attachment = file ? { filename: file.name, contentBase64: await toBase64(file) } : undefined;
    const body = { name: name.trim(), email: email.trim(), text: text.trim(), website, ...(attachment ? { attachment } : {}) };
    const r = await (send ? send(body) : decisionsApi.comment(h.id, body));
    setDone(r.late ? x.thanksLate : x.thanks);
    setName('');
    setEmail('');
    setText('');
    setFile(null);
  };

  return (
    <Section id="hearing-form" title={x.form}>
      <p>{x.privacy}</p>
      {done ? <Alert variant="success">{done}</Alert> : null}
      <ActionError error={error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim() || !email.trim() || !text.trim()) setError(x.required);
          else void run(post);
        }}
        noValidate
      >
        <FormField id={`${id}-n`} label={x.name}>
          <input className="form-input" id={`${id}-n`} autoComplete="name" maxLength={h.limits.nameChars} value={name} onChange={(e) => setName(e.target.value)} />
        </FormField>
        <FormField id={`${id}-e`} label={x.email}>
          <input className="form-input" id={`${id}-e`} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </FormField>
        <TextAreaField id={`${id}-t`} label={x.text} hint={x.textHint(h.limits.textChars)} rows={6} maxLength={h.limits.textChars} value={text} onChange={setText} />
        <FormField id={`${id}-f`} label={x.attachment} hint={x.attachmentHint(Math.floor(h.limits.attachmentBytes / 1024))}>
          <input className="form-file-input" id={`${id}-f`} type="file" accept="application/pdf,image/png,image/jpeg" onChange={(e) => setFile(e.target.files?.[0] ?? null)} {...describedBy(`${id}-f`, { hint: true })} />
        </FormField>
        {/* Honeypot: hidden from people (and from assistive technology); bots fill it in and are refused. */}
        <div className="rl-honeypot" aria-hidden="true">
          <label htmlFor={`${id}-w`}>{x.honeypot}</label>
          <input id={`${id}-w`} name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
        </div>
        <SubmitButton pending={pending}>{x.submit}</SubmitButton>
      </form>
    </Section>
  );
}
