package org.itpump.console.domain;

/**
 * What the timeline says of one event: a summary that holds no clinical value (every role may read it), the
 * clinical detail (pain scores, doses, suspicions: clinical roles only) and who acted, when the event names one.
 */
public record PathwayFact(String summary, String clinicalDetail, String actor) {
}
