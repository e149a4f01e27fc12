"""Write shop_requests.txt: a fixed mix of 240 shop requests for the routing benchmark.

The mix is what a deli's staff ask in a day, in English and Spanish: stock and price
questions, writing tasks (descriptions, labels, posts, e-mails), some with customer
data or supplier costs, and short chat. Templates are filled with demo product names
in a fixed order, so the file is the same on every run.

Usage: python bench/workload/make_workload.py
"""

from __future__ import annotations

import itertools
from pathlib import Path

PRODUCTS_EN = ["rosemary honey", "Manchego cheese", "tuna in olive oil", "Serrano ham", "extra virgin olive oil",
               "turrón", "chorizo", "gazpacho", "Rioja wine", "sea salt", "paprika", "saffron"]
PRODUCTS_ES = ["miel de romero", "queso manchego", "atún en aceite", "jamón serrano", "aceite de oliva virgen extra",
               "turrón", "chorizo", "gazpacho", "vino de Rioja", "sal marina", "pimentón", "azafrán"]

TEMPLATES = [
    ("stock", "How many jars of {en} are left?"),
    ("stock", "Do we still have {en}?"),
    ("stock", "¿Cuántas unidades de {es} quedan?"),
    ("stock", "¿Queda {es}?"),
    ("price", "What does the {en} cost?"),
    ("price", "¿A cuánto está el {es}?"),
    ("writing", "Write a short product description for our {en}"),
    ("writing", "Write a shelf label for the {en}"),
    ("writing", "Write an Instagram post about our {en} for the weekend"),
    ("writing", "Escribe una descripción breve para la web de nuestro {es}"),
    ("writing", "Redacta una etiqueta para el {es}"),
    ("writing", "Translate into English: {es} de la mejor calidad, recién llegado"),
    ("personal", "Write an e-mail to maria.garcia@example.com saying her {en} order is ready"),
    ("personal", "Escribe un mensaje para el cliente del teléfono 612 345 678: su {es} ya ha llegado"),
    ("business", "Write an e-mail to our supplier asking for a better cost on {en}"),
    ("business", "Redacta un correo al proveedor sobre el margen del {es}"),
    ("chat", "Is {en} good for breakfast?"),
    ("chat", "¿Con qué se come el {es}?"),
    ("chat", "What wine goes well with {en}?"),
    ("chat", "Good morning! Any tips for a busy Saturday?"),
]


def main() -> None:
    lines = []
    for (kind, template), (en, es) in zip(itertools.cycle(TEMPLATES), itertools.cycle(zip(PRODUCTS_EN, PRODUCTS_ES))):
        lines.append(f"{kind}\t{template.format(en=en, es=es)}")
        if len(lines) == 240:
            break
    Path(__file__).with_name("shop_requests.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
