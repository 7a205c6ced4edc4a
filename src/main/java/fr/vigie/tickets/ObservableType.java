package fr.vigie.tickets;

/** Kinds of technical traces a victim can give (domain of a phishing site, sender address…). */
public enum ObservableType {
  DOMAIN,
  URL,
  IP,
  EMAIL,
  PHONE,
  HASH,
  IBAN,
  OTHER
}
