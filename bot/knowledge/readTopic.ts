import { MapReader } from './mapReader';
import type { Field, ReadContext } from './readContext';
import type { EntryCommon, Link, TopicEntry } from './types';
import { emptyText, NO_ENGLISH, readList, readText, readUrl } from './valueReaders';

/** The keys of a topic file (topics/<id>.yaml) beyond those every entry has; see knowledge/README.md. */
export function readTopic(ctx: ReadContext, fields: MapReader, common: EntryCommon): TopicEntry {
  const answer = fields.required('answer', readList(readText, 'the bot will have nothing to say'), []);
  const untranslated = answer.filter((paragraph) => paragraph.vi !== '' && paragraph.en === undefined).length;
  if (untranslated > 0) {
    ctx.warn(
      fields.placeOf('answer'),
      `${untranslated} of ${answer.length} paragraphs of "answer" have no English version ("en:"): ${NO_ENGLISH}`,
    );
  }
  // Object.assign, not `{ ...common, ... }`: see readProcedure.
  return Object.assign({}, common, {
    kind: 'topic' as const,
    answer,
    links: fields.optional('links', readList(readLink)) ?? [],
    followUps: fields.optional('follow_ups', readList(readText)) ?? [],
  });
}

function readLink(ctx: ReadContext, field: Field): Link {
  const link = MapReader.open(ctx, field);
  const result = { title: link.required('title', readText, emptyText()), url: link.required('url', readUrl, '') };
  link.finish();
  return result;
}
