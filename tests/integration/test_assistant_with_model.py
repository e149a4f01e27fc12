"""The assistant with the real local model rewording data answers."""

from retail_assistant.adapters.llm import LocalModelWorker
from retail_assistant.core.assistant import Assistant
from retail_assistant.core.routing import Reason

from tests.core.fakes import FakeCatalog, product

HONEY = product("H1", "Rosemary honey 500 g", "Miel de romero 500 g", stock="37", price="6.95", unit="jar")


def test_reworded_answer_keeps_exact_number(default_model_path):
    worker = LocalModelWorker(default_model_path, n_ctx=1024, n_threads=2)
    worker.start()
    assert worker.wait_ready(60)
    assistant = Assistant(FakeCatalog([HONEY]), worker, reword_data_answers=True)
    try:
        answers = [assistant.answer(question) for question in
                   ("How many jars of rosemary honey are left?", "¿Cuántos tarros de miel de romero quedan?")]
    finally:
        worker.close()
    for answer in answers:
        assert answer.reason in (Reason.SHOP_DATA_REWORDED, Reason.SHOP_DATA_REWORDING_REJECTED)
        assert "37" in answer.text
        assert "38" not in answer.text
