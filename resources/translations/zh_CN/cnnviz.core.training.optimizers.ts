<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.training.optimizers</name>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>epochs</source>
      <translation>轮数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>batch size</source>
      <translation>批次大小</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>momentum</source>
      <translation>动量</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>weight decay</source>
      <translation>权重衰减</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>unknown optimizer '{name}'; use {names}</source>
      <translation>未知的优化器“{name}”；可用：{names}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>unknown scheduler '{name}'; use {names}</source>
      <translation>未知的学习率调度“{name}”；可用：{names}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>Nesterov momentum needs the sgd optimizer with momentum &gt; 0</source>
      <translation>Nesterov 动量需要 sgd 优化器，且动量 &gt; 0</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>{setting} must be a whole number from {low} to {high}, not {value}</source>
      <translation>{setting}必须是 {low} 到 {high} 之间的整数，而不是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>{setting} must be a number in {range}, not {value}</source>
      <translation>{setting}必须是 {range} 范围内的数，而不是 {value}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/training/optimizers.py" />
      <source>the model has no trainable parameters</source>
      <translation>模型没有可训练的参数</translation>
    </message>
  </context>
</TS>
