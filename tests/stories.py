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

# A story of another subject, in four paragraphs: a second source for compilations and digests.
FLOODS = (
    "Heavy rain flooded the lower town of Orvieto overnight, forcing the evacuation of two "
    "schools and a care home as the river rose past its banks for the first time in decades.\n\n"
    "The regional civil protection agency said more than 300 people spent the night in a "
    "sports hall, and that the water had begun to fall by dawn. No one was reported hurt.\n\n"
    "Farmers in the valley said vineyards and olive groves had been damaged just weeks before "
    "the harvest, and asked the government to declare a state of emergency for the area.\n\n"
    "Forecasters expect more storms later in the week, and the mayor urged residents to keep "
    "away from the riverbank and to follow the instructions of the emergency services."
)

# DOCK_STRIKE through a spinner: each synonym rarer than the word it replaces.
SPUN_DOCK_STRIKE = (
    "\n\n".join(DOCK_STRIKE)
    .replace("said", "stated")
    .replace("walked off the job", "abandoned their posts")
    .replace("demanding", "insisting upon")
    .replace("warned", "cautioned")
    .replace("ready", "prepared")
    .replace("about", "approximately")
)
