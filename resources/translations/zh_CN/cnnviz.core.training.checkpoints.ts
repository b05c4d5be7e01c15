<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.training.checkpoints</name>
    <message>
      <location filename="cnnviz/core/training/checkpoints.py" />
      <source>the checkpoint </source>
      <translation>检查点 </translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/checkpoints.py" />
      <source>the run's JSON </source>
      <translation>训练记录 JSON </translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/checkpoints.py" />
      <source>the checkpoint {path}: its name must end in .safetensors</source>
      <translation>检查点 {path}：文件名必须以 .safetensors 结尾</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/checkpoints.py" />
      <source>will not overwrite {path}: it is not the record of a cnnviz training run (the JSON written beside the checkpoint); move it or give the checkpoint another name</source>
      <translation>不会覆盖 {path}：它不是 cnnviz 训练记录（写在检查点旁边的 JSON）；请移走它，或给检查点换个名字</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/checkpoints.py" />
      <source>checkpoint </source>
      <translation>检查点 </translation>
    </message>
  </context>
</TS>
