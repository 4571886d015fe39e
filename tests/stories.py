"""Made-up news paragraphs shared by the tests: a story, a splice and an unrelated story."""

from __future__ import annotations

# A wire story in four paragraphs.
DOCK_STRIKE = [
    "Dock workers at the port of Valmera walked off the job on Monday, halting the loading of "
    "container ships in a dispute over automation that could disrupt supplies of fuel and "
    "grain across the region.",
    "The Valmera Dockers' Union said about 4,200 members joined the strike after talks with "
    "the port authority collapsed late on Sunday. The union is demanding guarantees that no "
    "jobs will be cut when remote-controlled cranes are introduced at the northern terminal "
    "next year.",
    "Port director Anneli Kask said the authority had offered to retrain every crane operator "
    "and called the walkout irresponsible. At least 14 ships were waiting at anchor outside "
    "the harbour by Monday evening, according to shipping data.",
    "Importers warned that shelves could empty within a week if the strike continued. The "
    "transport ministry said it was ready to mediate and urged both sides to return to the "
    "negotiating table before the dispute spread to rail freight.",
]

# A paragraph from a different story, as content farms splice them in.
HEART_STUDY = (
    "Researchers at the university hospital found that patients who walked for thirty minutes "
    "a day after heart surgery recovered faster and spent two fewer nights in intensive care, "
    "according to a study published in a medical journal on Friday."
)

# A story on another subject that reuses nothing of the others.
ORCHESTRA = (
    "The orchestra of the Kaunas Philharmonic opened its winter season with a programme of "
    "Sibelius and Nielsen, conducted by the young Finnish maestro Eeva Lind.\n\n"
    "Critics praised the brass section and the balance of the hall, which reopened last year "
    "after a long renovation. Tickets for the remaining concerts sold out within hours, and "
    "the orchestra has added a matinee performance on Sunday afternoon for families.\n\n"
    "Lind, who is 29, becomes the youngest principal conductor in the ensemble's history. "
    "She said she hoped to bring more contemporary Baltic music to audiences abroad."
)
