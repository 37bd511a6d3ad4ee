/**
 * Strips what looks like personal data from a citizen's message before it is kept for staff: e-mail addresses and
 * long numbers (phone, ID, tax and account numbers), and keeps it short. Dossier codes are not personal and stay.
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(/\S+@\S+\.\S+/g, '[email]')
    .replace(/(?<![\w.-])\+?\d[\d .-]{6,}\d(?![\w-]|\.\w)/g, '[number]')
    .slice(0, 300);
}
