import { createI18n } from '../../bot/i18n';
import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import { shownFields, unshownFields } from '../../dialogs/shownFields';
import { FROZEN_KB } from '../helpers/paths';

describe('every field staff fill in reaches citizens somewhere', () => {
  const i18n = createI18n('vi');

  it('the probe finds each field of the format in some answer (title, fees, each paper\'s source and note, links...)', async () => {
    const shown = await shownFields(i18n);
    for (const field of ['procedure.title', 'procedure.fee', 'procedure.documents (note)', 'procedure.documents (source)', 'procedure.questions',
      'procedure.legal_basis', 'procedure.online (url)', 'procedure.faq (a)', 'procedure.related', 'procedure.level', 'topic.links (url)',
      'topic.caution', 'topic.follow_ups']) {
      expect({ field, shown: shown.has(field) }).toEqual({ field, shown: true });
    }
  });

  it('nothing filled in the knowledge base is left unshown', async () => {
    const { kb } = loadKnowledge(FROZEN_KB);
    expect(await unshownFields(kb!, i18n)).toEqual([]);
  });
});
