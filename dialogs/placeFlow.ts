import type { PlaceMention } from '../bot/understanding/placeFinder';
import { LocalText } from './localText';
import { sendWithMenu } from './menu';
import { PlaceTexts } from './placeTexts';
import type { Turn } from './turn';

export function placeTexts(turn: Turn): PlaceTexts {
  return new PlaceTexts((key, vars) => turn.t(key, vars), new LocalText(turn.locale), turn.kb.site, turn.kb.communes);
}

/** "Tôi ở xã Vĩnh Tiến cũ": which commune's desk serves that place now, with the menu. */
export function showPlace(turn: Turn, mentions: readonly PlaceMention[]): void {
  sendWithMenu(turn, placeTexts(turn).places(mentions));
}

/** Before another answer: the line saying which commune a former unit named belongs to now. */
export function sayPlaceNote(turn: Turn, mentions: readonly PlaceMention[]): void {
  turn.reply.say(placeTexts(turn).note(mentions));
}
