package fr.vigie.intake.internal;

/** SIREN: nine digits whose Luhn checksum is valid (DOMAIN.md §9). */
final class Siren {

  private Siren() {}

  static boolean isValid(String siren) {
    if (siren == null || !siren.matches("[0-9]{9}")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      int digit = siren.charAt(8 - i) - '0';
      if (i % 2 == 1) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }
}
